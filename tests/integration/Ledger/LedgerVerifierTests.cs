using Npgsql;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Ledger;

public class LedgerVerifierTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A ledger with every kind of write: funding, transfers (some refused), a script, metadata, a revert.
    private async Task<string> BusyLedgerAsync()
    {
        var ledger = await fixture.NewLedgerAsync();
        var l = fixture.Ledger;
        await fixture.FundAsync(ledger, "wallets:w1:main", 10_000);
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => l.CreateTransactionAsync(ledger,
            new CreateTransaction([new Posting("wallets:w1:main", $"wallets:w{2 + i % 5}:main", 300, "NGN/2")]), $"busy-{i}", Ct))));
        await l.CreateTransactionAsync(ledger, new CreateTransaction(null, new TransactionScript(
            "send [NGN/2 5] ( source = @wallets:w2:main destination = @revenue:fees )", null)), null, Ct);
        await l.SetTransactionMetadataAsync(ledger, 1, new Dictionary<string, string> { ["note"] = "x" }, Ct);
        await l.SetAccountMetadataAsync(ledger, "wallets:w1:main", new Dictionary<string, string> { ["owner"] = "o1" }, Ct);
        await l.RevertTransactionAsync(ledger, 2, force: false, Ct);
        return ledger;
    }

    // The ledger's triggers refuse this to every role (AppendOnlyLedgerTests): a superuser who means
    // it switches them off for the transaction, as an attacker with the server's superuser could.
    private async Task TamperAsync(string sql, string ledger)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await using (var bypass = new NpgsqlCommand("SET LOCAL session_replication_role = replica", connection, transaction))
            await bypass.ExecuteNonQueryAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue(ledger);
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
        await transaction.CommitAsync(Ct);
    }

    [Fact]
    public async Task A_busy_ledger_verifies()
    {
        var ledger = await BusyLedgerAsync();

        var result = await new LedgerVerifier(fixture.Database.DataSource).VerifyAsync(ledger, Ct);

        Assert.True(result.Verified, string.Join("\n", result.Problems));
        Assert.Equal(36, result.Transactions); // 1 funding + 33 paid transfers (10000 / 300) + 1 script + 1 revert
        Assert.Equal(result.Transactions + 2, result.LogEntries);
    }

    [Fact]
    public async Task A_posting_changed_in_SQL_is_reported_as_the_first_bad_entry()
    {
        var ledger = await BusyLedgerAsync();
        await TamperAsync("UPDATE ledger.postings SET amount = amount + 1 WHERE ledger = $1 AND tx_id = 7 AND seq = 0", ledger);

        var result = await new LedgerVerifier(fixture.Database.DataSource).VerifyAsync(ledger, Ct);

        Assert.False(result.Verified);
        Assert.Equal("transaction 7: its postings differ from log entry 7", result.Problems[0]);
        Assert.Contains("transaction 7 posting 0: its moves do not match the posting", result.Problems);
    }

    [Fact]
    public async Task A_sealed_log_entry_changed_in_SQL_breaks_the_hash_chain_at_that_entry()
    {
        var ledger = await BusyLedgerAsync();
        await new LogSealer(fixture.Database.DataSource).SealAsync(ledger, Ct);
        await TamperAsync("UPDATE ledger.logs SET data = replace(data::text, '\"amount\":300', '\"amount\":301')::json WHERE ledger = $1 AND id = 12", ledger);

        var result = await new LedgerVerifier(fixture.Database.DataSource).VerifyAsync(ledger, Ct);

        Assert.StartsWith("log entry 12 (NEW_TRANSACTION): its hash does not match", result.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_log_entry_changed_before_it_was_sealed_still_disagrees_with_its_postings()
    {
        // Entries are chained moments after commit; until then the postings still witness the log.
        var ledger = await BusyLedgerAsync();
        await TamperAsync("UPDATE ledger.logs SET data = replace(data::text, '\"amount\":300', '\"amount\":301')::json WHERE ledger = $1 AND id = 12 AND hash IS NULL", ledger);

        var result = await new LedgerVerifier(fixture.Database.DataSource).VerifyAsync(ledger, Ct);

        Assert.Equal("transaction 12: its postings differ from log entry 12", result.Problems[0]);
    }

    [Fact]
    public async Task Sealing_chains_every_committed_entry_once_in_order()
    {
        var ledger = await BusyLedgerAsync();
        var sealer = new LogSealer(fixture.Database.DataSource);

        Assert.Equal(38, await sealer.SealAsync(ledger, Ct));
        Assert.Equal(0, await sealer.SealAsync(ledger, Ct));
        await fixture.Ledger.SetAccountMetadataAsync(ledger, "wallets:w9:main", new Dictionary<string, string> { ["k"] = "v" }, Ct);
        Assert.Equal(1, await sealer.SealAsync(ledger, Ct));
        Assert.True((await new LedgerVerifier(fixture.Database.DataSource).VerifyAsync(ledger, Ct)).Verified);
    }

    [Fact]
    public async Task A_volume_changed_in_SQL_is_reported_with_stored_and_recomputed_figures()
    {
        var ledger = await BusyLedgerAsync();
        await TamperAsync("UPDATE ledger.volumes SET input = input + 1 WHERE ledger = $1 AND address = 'wallets:w3:main'", ledger);

        var result = await new LedgerVerifier(fixture.Database.DataSource).VerifyAsync(ledger, Ct);

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("volumes of wallets:w3:main NGN/2: stored input ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verify_command_exits_1_naming_the_first_bad_entry_and_0_when_clean()
    {
        var ledger = await BusyLedgerAsync();
        var env = new Dictionary<string, string> { ["ConnectionStrings__WalletFlow"] = fixture.Database.ConnectionString };

        var clean = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, env, "ledger", "verify", "--ledger", ledger);
        Assert.True(clean.ExitCode == 0, clean.Output);
        Assert.Contains($"{ledger}: verified (38 log entries, 36 transactions)", clean.Output, StringComparison.Ordinal);

        await TamperAsync("UPDATE ledger.postings SET destination = 'wallets:thief:main' WHERE ledger = $1 AND tx_id = 3", ledger);
        var tampered = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, env, "ledger", "verify", "--ledger", ledger);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains($"{ledger}: FAILED: transaction 3: its postings differ from log entry 3", tampered.Output, StringComparison.Ordinal);
    }
}
