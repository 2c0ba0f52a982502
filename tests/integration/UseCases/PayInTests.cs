using System.Numerics;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.UseCases;

public sealed class PayInTests(UseCaseFixture fx) : IClassFixture<UseCaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pay_in_with_a_fee_credits_the_wallet_and_writes_command_statements_and_outbox_once()
    {
        var wallet = await fx.OpenWalletAsync();
        var key = Key();
        var bank = NewId("bank");

        var paid = await fx.Get<PayIn>().RunAsync(new PayInRequest(key, wallet.WalletId, "1500.00", "NGN", $"banks:{bank}", "ext-1", "15.00"), Ct);

        Assert.True(paid.IsSuccess, paid.ToString());
        var main = AccountAddresses.WalletMain(wallet.WalletId);
        var bankAccount = new AccountAddress($"banks:{bank}:NGN");
        Assert.Equal(
            [new Posting(bankAccount, main, 150_000, "NGN/2"), new Posting(main, AccountAddresses.FeeRevenue, 1_500, "NGN/2")],
            paid.Value.Postings);
        Assert.Equal(148_500, await fx.BalanceAsync(main));
        Assert.Equal(-150_000, await fx.BalanceAsync(bankAccount));

        var command = Assert.Single(await fx.RowsAsync("SELECT * FROM walletflow.commands WHERE idempotency_key = $1", key.Value));
        Assert.Equal(paid.Value.TransactionId, command["ledger_tx_id"]);
        Assert.Equal("pay-in", command["operation"]);
        var statement = Assert.Single(await fx.RowsAsync("SELECT * FROM walletflow.statement_lines WHERE wallet_id = $1", wallet.WalletId));
        Assert.Equal(148_500m, statement["amount"]);
        Assert.Equal(148_500m, statement["balance_after"]);
        var outbox = Assert.Single(await fx.RowsAsync("SELECT * FROM walletflow.outbox WHERE aggregate_id = $1", wallet.WalletId));
        Assert.Equal("PayInReceived", outbox["event_type"]);
        Assert.Contains(paid.Value.CommandId, (string)outbox["payload"]!, StringComparison.Ordinal);

        var replay = await fx.Get<PayIn>().RunAsync(new PayInRequest(key, wallet.WalletId, "1500.00", "NGN", $"banks:{bank}", "ext-1", "15.00"), Ct);
        Assert.Equal(paid.Value with { }, replay.Value, MovementReceiptComparer.Instance);
        Assert.Equal(148_500, await fx.BalanceAsync(main));
        Assert.Equal(1, await fx.CountAsync("walletflow.outbox", "aggregate_id = $1", wallet.WalletId));

        var conflicting = await fx.Get<PayIn>().RunAsync(new PayInRequest(key, wallet.WalletId, "1500.01", "NGN", $"banks:{bank}", "ext-1", "15.00"), Ct);
        Assert.Equal(RejectionCodes.IdempotencyConflict, conflicting.Error?.Code);
        Assert.Equal(148_500, await fx.BalanceAsync(main));
    }

    [Fact]
    public async Task A_pay_in_for_an_owner_with_a_reserve_policy_keeps_the_reserve_share_as_a_tranche()
    {
        var owner = NewId("owner");
        await fx.RowsAsync("INSERT INTO walletflow.reserve_policies VALUES ($1, 1000, 30, now()) RETURNING owner_id", owner);
        var wallet = await fx.OpenWalletAsync(owner: owner);

        var paid = await fx.Get<PayIn>().RunAsync(new PayInRequest(Key(), wallet.WalletId, "1000.00", "NGN", "pools:gps", "ext-2", "10.00"), Ct);

        Assert.True(paid.IsSuccess, paid.ToString());
        Assert.Equal(89_000, await fx.BalanceAsync(AccountAddresses.WalletMain(wallet.WalletId)));
        Assert.Equal(10_000, await fx.BalanceAsync(AccountAddresses.WalletReserve(wallet.WalletId)));
        var tranche = Assert.Single(await fx.RowsAsync("SELECT * FROM walletflow.reserve_tranches WHERE wallet_id = $1", wallet.WalletId));
        Assert.Equal(10_000L, tranche["amount"]);
        Assert.Equal("100.00", paid.Value.Attributes["reserved"]);
        var balances = await fx.RowsAsync("SELECT account, balance FROM walletflow.statement_balances WHERE wallet_id = $1 ORDER BY account", wallet.WalletId);
        Assert.Equal([89_000m, 10_000m], balances.Select(b => (decimal)b["balance"]!));
    }

    [Theory]
    [InlineData("XYZ", "10.00", null, "unknown_currency", "currency")]
    [InlineData("NGN", "10.001", null, "invalid_amount", "amount")]
    [InlineData("NGN", "0", null, "invalid_amount", "amount")]
    [InlineData("NGN", "-5.00", null, "invalid_amount", "amount")]
    [InlineData("NGN", "10.00", "11.00", "invalid_amount", "fee")]
    [InlineData("USD", "10.00", null, "currency_mismatch", "walletId")]
    public async Task Bad_pay_ins_are_rejected_naming_the_field_and_write_nothing(string currency, string amount, string? fee, string code, string field)
    {
        var wallet = await fx.OpenWalletAsync();
        var key = Key();

        var paid = await fx.Get<PayIn>().RunAsync(new PayInRequest(key, wallet.WalletId, amount, currency, "banks:gtb", "ext", fee), Ct);

        Assert.Equal(code, paid.Error?.Code);
        Assert.Equal(field, paid.Error?.Field);
        Assert.Equal(0, await fx.CountAsync("walletflow.idempotency_claims", "idempotency_key = $1", key.Value));
        Assert.Equal(0, await fx.CountAsync("walletflow.statement_lines", "wallet_id = $1", wallet.WalletId));
        Assert.Equal(BigInteger.Zero, await fx.BalanceAsync(AccountAddresses.WalletMain(wallet.WalletId)));
    }

    [Fact]
    public async Task A_pay_in_to_a_missing_wallet_is_not_found_and_writes_nothing()
    {
        var key = Key();
        var paid = await fx.Get<PayIn>().RunAsync(new PayInRequest(key, "nobody", "1.00", "NGN", "banks:gtb", "ext"), Ct);

        var missing = Assert.IsType<NotFound>(paid.Error);
        Assert.Equal("walletId", missing.Field);
        Assert.Equal(0, await fx.CountAsync("walletflow.idempotency_claims", "idempotency_key = $1", key.Value));
    }
}
