using Npgsql;
using WalletFlow.Adapters.Ledger;

namespace WalletFlow.Tests.Integration.Gates;

/// <summary>The four ways tests break the books on purpose, each touching one thing only.</summary>
internal static class GateBreakers
{
    /// <summary>An open hold row with no money on the ledger (gate 2). The FKs need a command, which needs a claim.</summary>
    public static async Task InsertOrphanHoldAsync(NpgsqlDataSource db, string walletId, string holdId, long amount = 5_000, long fee = 100)
    {
        var key = "orphan-" + holdId;
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "INSERT INTO walletflow.idempotency_claims VALUES ($1, 'hold-place', '\\x00'::bytea, 'succeeded', NULL, now())") { Parameters = { new() { Value = key } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "INSERT INTO walletflow.commands VALUES ($1, $2, 'hold-place', 'hold-place', 0, $3, '{}', now())")
            { Parameters = { new() { Value = "cmd_" + key }, new() { Value = key }, new() { Value = "ref-" + key } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            INSERT INTO walletflow.holds (hold_id, wallet_id, kind, currency, amount, fee, status, placed_by, created_at)
            VALUES ($1, $2, 'generic', 'NGN', $3, $4, 'open', $5, now())
            """) { Parameters = { new() { Value = holdId }, new() { Value = walletId }, new() { Value = amount }, new() { Value = fee }, new() { Value = "cmd_" + key } } });
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>A posting straight on the ledger, bypassing walletflow's templates (gate 3 for wallets, gate 4 for unmapped accounts).</summary>
    public static async Task PostDirectlyAsync(EmbeddedLedger ledger, string source, string destination, long amount, bool force = false)
    {
        var created = await ledger.CreateTransactionAsync("walletflow",
            new CreateTransaction([new Posting(source, destination, amount, "NGN/2")], Force: force), idempotencyKey: null, CancellationToken.None);
        Assert.True(created.Succeeded, created.Succeeded ? "" : created.Error.Message);
    }

    /// <summary>Sets a statements row to a wrong balance (gate 3).</summary>
    public static async Task CorruptStatementAsync(NpgsqlDataSource db, string account, long balance)
    {
        await using var command = db.CreateCommand("UPDATE walletflow.statement_balances SET balance = $2 WHERE account = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = account });
        command.Parameters.Add(new NpgsqlParameter { Value = (decimal)balance });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>Tampers with one account's stored volumes so its asset no longer sums to zero (gate 1): only a bug or a hand in the database does this.</summary>
    public static async Task UnbalanceVolumesAsync(NpgsqlDataSource db, string account, long extraInput)
    {
        await using var command = db.CreateCommand("UPDATE ledger.volumes SET input = input + $2 WHERE ledger = 'walletflow' AND address = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = account });
        command.Parameters.Add(new NpgsqlParameter { Value = (decimal)extraInput });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
