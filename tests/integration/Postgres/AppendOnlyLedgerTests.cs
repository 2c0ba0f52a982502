using Npgsql;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Adapters.Postgres;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Postgres;

/// <summary>
/// The ledger is append-only in PostgreSQL itself: the service role (what walletflow runs as) has no
/// UPDATE or DELETE of its history, and the triggers of migration 0018 refuse them to the owner too,
/// while every write the ledger makes by design (postings, a revert, metadata, sealing) still works
/// as the service role.
/// </summary>
public sealed class AppendOnlyLedgerTests(FreshDatabase database) : IClassFixture<FreshDatabase>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private NpgsqlDataSource _service = null!;
    private EmbeddedLedger _ledger = null!;
    private string _name = "";

    public async ValueTask InitializeAsync()
    {
        await database.MigrateAsync();
        _service = NpgsqlDataSource.Create(await database.ServiceConnectionStringAsync());
        _ledger = new EmbeddedLedger(_service, TimeProvider.System);
        _name = "l" + Guid.NewGuid().ToString("N")[..12];
        Assert.True((await _ledger.CreateLedgerAsync(_name, null, Ct)).Succeeded);
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    // A ledger written to only as the service role: a funding, a transfer, a revert, metadata, sealed.
    private async Task<long> WriteAsServiceAsync()
    {
        var funded = await _ledger.CreateTransactionAsync(_name,
            new CreateTransaction([new Posting("banks:gtb:ngn", "wallets:w1:main", 1_000, "NGN/2")], Force: true), "fund", Ct);
        Assert.True(funded.Succeeded, funded.Error?.Message);
        var paid = await _ledger.CreateTransactionAsync(_name,
            new CreateTransaction([new Posting("wallets:w1:main", "wallets:w2:main", 300, "NGN/2")]), null, Ct);
        Assert.True(paid.Succeeded, paid.Error?.Message);
        var script = await _ledger.CreateTransactionAsync(_name, new CreateTransaction(null, new TransactionScript(
            "send [NGN/2 5] ( source = @wallets:w1:main destination = @revenue:fees )", null)), null, Ct);
        Assert.True(script.Succeeded, script.Error?.Message);
        var reverted = await _ledger.RevertTransactionAsync(_name, paid.Value.Id, force: false, Ct);
        Assert.True(reverted.Succeeded, reverted.Error?.Message);
        Assert.True((await _ledger.SetTransactionMetadataAsync(_name, funded.Value.Id, new Dictionary<string, string> { ["note"] = "seed" }, Ct)).Succeeded);
        Assert.True((await _ledger.DeleteTransactionMetadataAsync(_name, funded.Value.Id, "note", Ct)).Succeeded);
        Assert.True((await _ledger.SetAccountMetadataAsync(_name, "wallets:w1:main", new Dictionary<string, string> { ["owner"] = "o1" }, Ct)).Succeeded);
        Assert.True((await _ledger.DeleteAccountMetadataAsync(_name, "wallets:w1:main", "owner", Ct)).Succeeded);
        Assert.Equal(8, await new LogSealer(_service).SealAsync(_name, Ct));
        return paid.Value.Id;
    }

    [Fact]
    public async Task Every_write_the_ledger_makes_by_design_works_as_the_service_role_and_verifies()
    {
        var paid = await WriteAsServiceAsync();

        var again = await _ledger.RevertTransactionAsync(_name, paid, force: false, Ct);
        Assert.Equal(LedgerErrorCodes.AlreadyRevert, again.Error?.Code);
        var verified = await new LedgerVerifier(_service).VerifyAsync(_name, Ct);
        Assert.True(verified.Verified, string.Join("\n", verified.Problems));
        Assert.Equal(4, verified.Transactions);
    }

    [Theory]
    [InlineData("UPDATE ledger.postings SET amount = amount + 1 WHERE ledger = $1")]
    [InlineData("DELETE FROM ledger.postings WHERE ledger = $1")]
    [InlineData("UPDATE ledger.moves SET amount = amount + 1 WHERE ledger = $1")]
    [InlineData("DELETE FROM ledger.moves WHERE ledger = $1")]
    [InlineData("UPDATE ledger.transactions SET timestamp = timestamp + interval '1 day' WHERE ledger = $1")]
    [InlineData("DELETE FROM ledger.transactions WHERE ledger = $1 AND reverted_at IS NULL")]
    [InlineData("UPDATE ledger.logs SET data = '{}'::json WHERE ledger = $1")]
    [InlineData("DELETE FROM ledger.logs WHERE ledger = $1")]
    [InlineData("TRUNCATE ledger.postings")]
    public async Task Changing_history_as_the_service_role_is_refused_for_permission(string sql)
    {
        await WriteAsServiceAsync();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => RunAsync(_service, sql));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Contains("permission denied", refused.MessageText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE ledger.postings SET amount = amount + 1 WHERE ledger = $1", "ledger.postings is append-only: UPDATE refused")]
    [InlineData("DELETE FROM ledger.postings WHERE ledger = $1", "ledger.postings is append-only: DELETE refused")]
    [InlineData("UPDATE ledger.moves SET amount = amount + 1 WHERE ledger = $1", "ledger.moves is append-only: UPDATE refused")]
    [InlineData("DELETE FROM ledger.moves WHERE ledger = $1", "ledger.moves is append-only: DELETE refused")]
    [InlineData("UPDATE ledger.transactions SET timestamp = timestamp + interval '1 day' WHERE ledger = $1", "ledger.transactions is append-only: UPDATE refused")]
    [InlineData("UPDATE ledger.transactions SET reverted_at = now() WHERE ledger = $1 AND reverted_at IS NOT NULL", "ledger.transactions is append-only: UPDATE refused")]
    [InlineData("DELETE FROM ledger.transactions WHERE ledger = $1", "ledger.transactions is append-only: DELETE refused")]
    [InlineData("UPDATE ledger.logs SET data = '{}'::json WHERE ledger = $1", "ledger.logs is append-only: UPDATE refused")]
    [InlineData("UPDATE ledger.logs SET hash = '\\x00'::bytea WHERE ledger = $1", "ledger.logs is append-only: UPDATE refused")]
    [InlineData("DELETE FROM ledger.logs WHERE ledger = $1", "ledger.logs is append-only: DELETE refused")]
    [InlineData("TRUNCATE ledger.postings CASCADE", "ledger.postings is append-only: TRUNCATE refused")]
    [InlineData("TRUNCATE ledger.moves", "ledger.moves is append-only: TRUNCATE refused")]
    [InlineData("TRUNCATE ledger.logs", "ledger.logs is append-only: TRUNCATE refused")]
    public async Task Changing_history_as_the_owner_is_refused_by_the_trigger(string sql, string message)
    {
        await WriteAsServiceAsync();

        // FreshDatabase connects as the server's superuser, who owns every table.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => RunAsync(database.DataSource, sql));

        Assert.Equal("WF003", refused.SqlState);
        Assert.Equal(message, refused.MessageText);
        var verified = await new LedgerVerifier(_service).VerifyAsync(_name, Ct);
        Assert.True(verified.Verified, string.Join("\n", verified.Problems));
    }

    [Fact]
    public async Task The_service_role_cannot_create_objects_in_the_ledger_schema()
    {
        var refused = await Assert.ThrowsAsync<PostgresException>(() => RunAsync(_service, "CREATE TABLE ledger.shadow (id int)"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task The_grants_script_names_the_service_role_and_gives_it_no_update_of_postings()
    {
        Assert.Contains($"GRANT SELECT, INSERT ON ledger.postings, ledger.moves", ServiceRole.GrantsScript, StringComparison.Ordinal);
        await using var command = _service.CreateCommand(
            "SELECT has_table_privilege('ledger.postings', 'UPDATE'), has_table_privilege('ledger.postings', 'INSERT'), current_user");
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.False(reader.GetBoolean(0));
        Assert.True(reader.GetBoolean(1));
        Assert.Equal(database.Name + "_svc", reader.GetString(2));
    }

    private async Task RunAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        if (sql.Contains("$1", StringComparison.Ordinal))
            command.Parameters.AddWithValue(_name);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
