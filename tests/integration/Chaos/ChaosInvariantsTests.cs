using WalletFlow.Chaos;

namespace WalletFlow.Tests.Integration.Chaos;

/// <summary>
/// The crash harness's checks are not vacuous: on a healthy database they count nothing, and each
/// violation planted by hand (a receipt the database never stored, a payout whose status says
/// Released over a settle transaction, a statement balance off by one minor unit) is counted once,
/// under its own invariant.
/// </summary>
[Collection(OneChaosRunAtATime.Name)]
public sealed class ChaosInvariantsTests
{
    [Fact]
    public async Task Each_planted_violation_is_counted_under_its_own_invariant()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stage = await ChaosStage.StartAsync();
        var settings = stage.Settings();
        await using var host = await stage.StartHostAsync(settings);
        using var client = new ChaosClient(settings.AdminKeyPath, settings.BaseAddress);
        await ChaosStage.OpenFundedWalletAsync(client, "w-planted", "100.00");
        string[] payouts = ["po-planted-1", "po-planted-2"];
        foreach (var payoutId in payouts)
            await ChaosStage.StartPayoutAsync(client, payoutId, "w-planted", '1');
        foreach (var payoutId in payouts)
            await ChaosStage.EventuallyAsync(() => stage.PayoutStatusAsync(payoutId), s => s == "Settled", $"{payoutId} settled");
        var fundingTransaction = await stage.CountAsync("SELECT ledger_tx_id FROM walletflow.commands WHERE idempotency_key = 'w-planted-funding'");
        var commandId = (string)(await ScalarAsync(stage, "SELECT command_id FROM walletflow.commands WHERE idempotency_key = 'w-planted-funding'"))!;
        List<ClientReceipt> receipts =
        [
            new("wallet", "w-planted", 201, null, null, "w-planted"),
            new("pay-in", "w-planted-funding", 201, commandId, fundingTransaction, null),
            new("payout", "po-planted-1-key", 202, null, null, "po-planted-1"),
            new("payout", "po-planted-2-key", 202, null, null, "po-planted-2"),
        ];

        var healthy = await ChaosInvariants.CheckAsync(stage.Db, client, stage.Rail, receipts, payouts, ct);
        Assert.All(healthy, i => Assert.True(i.Violations == 0, $"{i.Name}: {string.Join("; ", i.Examples)}"));

        Assert.Equal(1, await stage.CountAsync("UPDATE walletflow.payouts SET status = 'Released' WHERE payout_id = 'po-planted-2' RETURNING 1"));
        Assert.Equal(1, await stage.CountAsync("UPDATE walletflow.statement_balances SET balance = balance + 1 WHERE wallet_id = 'w-planted' AND account = 'wallets:w-planted:main' RETURNING 1"));
        receipts.Add(new ClientReceipt("transfer", "a-key-never-stored", 201, "cmd-never-stored", 999_999, null));
        var broken = (await ChaosInvariants.CheckAsync(stage.Db, client, stage.Rail, receipts, payouts, ct)).ToDictionary(i => i.Name);

        Assert.Equal(1, broken[ChaosInvariants.StatusMatchesMoney].Violations);
        Assert.Contains("po-planted-2", broken[ChaosInvariants.StatusMatchesMoney].Examples.Single(), StringComparison.Ordinal);
        Assert.Equal(1, broken[ChaosInvariants.ReceiptsKept].Violations);
        Assert.Contains("a-key-never-stored", broken[ChaosInvariants.ReceiptsKept].Examples.Single(), StringComparison.Ordinal);
        Assert.True(broken[ChaosInvariants.StatementsMatch].Violations >= 1, string.Join("; ", broken[ChaosInvariants.StatementsMatch].Examples));
        var untouched = new[] { ChaosInvariants.BooksFoot, ChaosInvariants.HoldsMatch, ChaosInvariants.MovedOnce, ChaosInvariants.RailAgrees, ChaosInvariants.OutboxUnique };
        Assert.All(untouched, name => Assert.Equal(0, broken[name].Violations));
    }

    private static async Task<object?> ScalarAsync(ChaosStage stage, string sql)
    {
        await using var command = stage.Db.CreateCommand(sql);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
