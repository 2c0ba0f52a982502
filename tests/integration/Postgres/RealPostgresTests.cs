using System.Numerics;
using Npgsql;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Postgres;

/// <summary>The integration project talks to a real PostgreSQL server, not a stand-in.</summary>
public class RealPostgresTests(FreshDatabase database, ITestOutputHelper output) : IClassFixture<FreshDatabase>
{
    // Beyond decimal and long: ledger amounts are unbounded integers (Formance `bigint`).
    private static readonly BigInteger Amount = BigInteger.Parse("123456789012345678901234567890123", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_server_is_a_real_PostgreSQL_14_or_newer()
    {
        output.WriteLine($"PostgreSQL from: {database.Server.Source}");
        await using var command = database.DataSource.CreateCommand("SELECT current_setting('server_version_num')::int, version()");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        var versionNum = reader.GetInt32(0);
        var version = reader.GetString(1);
        output.WriteLine(version);

        Assert.True(versionNum >= 140000, $"server_version_num {versionNum}");
        Assert.StartsWith("PostgreSQL ", version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_written_to_a_real_table_reads_back_with_its_types_intact()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        await using (var create = new NpgsqlCommand(
            "CREATE TABLE round_trip (id bigint PRIMARY KEY, amount numeric(38,0) NOT NULL, note text NOT NULL, at timestamptz NOT NULL)", connection))
            await create.ExecuteNonQueryAsync(ct);

        var at = new DateTime(2026, 11, 25, 10, 30, 0, DateTimeKind.Utc);
        await using (var insert = new NpgsqlCommand("INSERT INTO round_trip VALUES ($1, $2, $3, $4)", connection))
        {
            insert.Parameters.AddWithValue(1L);
            insert.Parameters.AddWithValue(Amount);
            insert.Parameters.AddWithValue("naïve ₦ note");
            insert.Parameters.AddWithValue(at);
            Assert.Equal(1, await insert.ExecuteNonQueryAsync(ct));
        }

        await using var select = new NpgsqlCommand("SELECT amount, note, at, current_database() FROM round_trip WHERE id = 1", connection);
        await using var reader = await select.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct));
        Assert.Equal(Amount, reader.GetFieldValue<BigInteger>(0));
        Assert.Equal("naïve ₦ note", reader.GetString(1));
        Assert.Equal(at, reader.GetDateTime(2));
        Assert.Equal(database.Name, reader.GetString(3));
    }

    [Fact]
    public async Task A_primary_key_violation_is_reported_by_the_server()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        await using (var create = new NpgsqlCommand("CREATE TABLE unique_keys (key text PRIMARY KEY)", connection))
            await create.ExecuteNonQueryAsync(ct);
        await using (var first = new NpgsqlCommand("INSERT INTO unique_keys VALUES ('k1')", connection))
            await first.ExecuteNonQueryAsync(ct);

        await using var second = new NpgsqlCommand("INSERT INTO unique_keys VALUES ('k1')", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => second.ExecuteNonQueryAsync(ct));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }
}
