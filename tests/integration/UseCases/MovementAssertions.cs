using WalletFlow.Core.Accounts;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Results;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.UseCases;

/// <summary>What every movement test asserts: the outbox row, the statement lines, replays and "nothing written".</summary>
internal static class MovementAssertions
{
    /// <summary>Credits a wallet with a plain pay-in from a bank (no fee), so it has something to move.</summary>
    public static async Task FundAsync(this UseCaseFixture fx, string walletId, string amount, string currency = "NGN")
    {
        var paid = await fx.Get<PayIn>().RunAsync(new PayInRequest(Key(), walletId, amount, currency, "banks:seed", "funding"), CancellationToken.None);
        Assert.True(paid.IsSuccess, paid.ToString());
    }

    /// <summary>The command's one outbox row has this aggregate and event type, and carries the command id.</summary>
    public static async Task AssertOutboxAsync(this UseCaseFixture fx, MovementReceipt receipt, string aggregateType, string aggregateId, string eventType)
    {
        var row = Assert.Single(await fx.RowsAsync("SELECT * FROM walletflow.outbox WHERE dedup_id LIKE $1", receipt.CommandId + ":%"));
        Assert.Equal(aggregateType, row["aggregate_type"]);
        Assert.Equal(aggregateId, row["aggregate_id"]);
        Assert.Equal(eventType, row["event_type"]);
        Assert.Contains(receipt.CommandId, (string)row["payload"]!, StringComparison.Ordinal);
        var command = Assert.Single(await fx.RowsAsync("SELECT * FROM walletflow.commands WHERE command_id = $1", receipt.CommandId));
        Assert.Equal(receipt.TransactionId, command["ledger_tx_id"]);
        Assert.Equal(receipt.Operation, command["operation"]);
    }

    /// <summary>The command's statement lines as (account, amount, balance after), by account.</summary>
    public static async Task<IReadOnlyList<(string Account, decimal Amount, decimal BalanceAfter)>> StatementLinesAsync(this UseCaseFixture fx, MovementReceipt receipt)
    {
        var rows = await fx.RowsAsync(
            "SELECT account, amount, balance_after FROM walletflow.statement_lines WHERE command_id = $1 ORDER BY account COLLATE \"C\"", receipt.CommandId);
        return rows.Select(r => ((string)r["account"]!, (decimal)r["amount"]!, (decimal)r["balance_after"]!)).ToList();
    }

    /// <summary>The statements read model's balance of one wallet account (0 when it has none).</summary>
    public static async Task<decimal> StatementBalanceAsync(this UseCaseFixture fx, AccountAddress account, string asset = "NGN/2")
    {
        var rows = await fx.RowsAsync("SELECT balance FROM walletflow.statement_balances WHERE account = $1 AND asset = $2", account.Value, asset);
        return rows.Count == 0 ? 0m : (decimal)rows[0]["balance"]!;
    }

    /// <summary>The same request again returns the identical receipt; the same key with <paramref name="different"/> is a conflict; one movement in all.</summary>
    public static async Task AssertReplayAndConflictAsync(
        this UseCaseFixture fx, IdempotencyKey key, MovementReceipt first, Func<Task<Result<MovementReceipt>>> same, Func<Task<Result<MovementReceipt>>> different)
    {
        var replay = await same();
        Assert.True(replay.IsSuccess, replay.ToString());
        Assert.Equal(first, replay.Value, MovementReceiptComparer.Instance);
        var conflicting = await different();
        Assert.Equal(RejectionCodes.IdempotencyConflict, conflicting.Error?.Code);
        Assert.Equal(1, await fx.CountAsync("walletflow.commands", "command_id = $1", first.CommandId));
        Assert.Equal(1, await fx.CountAsync("walletflow.outbox", "dedup_id LIKE $1", first.CommandId + ":%"));
        Assert.Equal(1, await fx.CountAsync("ledger.transactions", "reference = $1", $"{first.Operation}:{key.Value}"));
    }

    /// <summary>A rejected command left no trace: no claim, command, outbox row, statement line or ledger transaction.</summary>
    public static async Task AssertNothingWrittenAsync(this UseCaseFixture fx, IdempotencyKey key, string operation)
    {
        var commandId = MovementPipeline.CommandId(key);
        Assert.Equal(0, await fx.CountAsync("walletflow.idempotency_claims", "idempotency_key = $1", key.Value));
        Assert.Equal(0, await fx.CountAsync("walletflow.commands", "command_id = $1", commandId));
        Assert.Equal(0, await fx.CountAsync("walletflow.outbox", "dedup_id LIKE $1", commandId + ":%"));
        Assert.Equal(0, await fx.CountAsync("walletflow.statement_lines", "command_id = $1", commandId));
        Assert.Equal(0, await fx.CountAsync("ledger.transactions", "reference = $1", $"{operation}:{key.Value}"));
    }

    /// <summary>Every asset of the whole ledger sums to zero.</summary>
    public static async Task AssertBooksFootAsync(this UseCaseFixture fx)
    {
        foreach (var (asset, sum) in await fx.AssetSumsAsync())
            Assert.True(sum.IsZero, $"{asset} sums to {sum}");
    }
}
