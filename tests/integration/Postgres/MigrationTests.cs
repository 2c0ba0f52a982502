using WalletFlow.Adapters.Postgres;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Postgres;

public class MigrationTests(FreshDatabase database) : IClassFixture<FreshDatabase>
{
    [Fact]
    public async Task Migrating_applies_every_script_once_in_order_and_a_second_run_applies_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.NotEmpty(DatabaseMigrator.ScriptNames);
        Assert.All(DatabaseMigrator.ScriptNames, name => Assert.Matches(@"^\d{4}_[a-z0-9_]+\.sql$", name));

        // Two hosts starting at once: the advisory lock makes one wait for the other.
        var runs = await Task.WhenAll(database.MigrateAsync(), database.MigrateAsync());
        Assert.Equal(DatabaseMigrator.ScriptNames, runs.SelectMany(r => r).Order(StringComparer.Ordinal));

        var again = await database.MigrateAsync();
        Assert.Empty(again);

        await using var journal = database.DataSource.CreateCommand(
            $"SELECT scriptname FROM public.{DatabaseMigrator.JournalTable} ORDER BY schemaversionsid");
        var journaled = new List<string>();
        await using (var reader = await journal.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                journaled.Add(reader.GetString(0));
        Assert.Equal(DatabaseMigrator.ScriptNames.Count, journaled.Count);

        await using var schema = database.DataSource.CreateCommand("SELECT count(*) FROM pg_namespace WHERE nspname = 'walletflow'");
        Assert.Equal(1L, await schema.ExecuteScalarAsync(ct));
    }
}
