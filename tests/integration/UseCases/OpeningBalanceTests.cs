using WalletFlow.Core.Accounts;
using WalletFlow.Core.Migration;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.UseCases;

public sealed class OpeningBalanceTests(UseCaseFixture fx) : IClassFixture<UseCaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_opening_balance_credits_the_wallet_against_migration_equity_once()
    {
        var wallet = await fx.OpenWalletAsync("KWD");
        var key = Key();

        var opened = await fx.Get<PostOpeningBalance>().RunAsync(new OpeningBalanceRequest(key, wallet.WalletId, "12.345", "KWD", "legacy-77"), Ct);

        Assert.True(opened.IsSuccess, opened.ToString());
        var main = AccountAddresses.WalletMain(wallet.WalletId);
        Assert.Equal([new Posting(AccountAddresses.MigrationEquity, main, 12_345, "KWD/3")], opened.Value.Postings);
        Assert.Equal(12_345, await fx.BalanceAsync(main, "KWD/3"));
        Assert.Equal(-12_345, await fx.BalanceAsync(AccountAddresses.MigrationEquity, "KWD/3"));
        Assert.Equal(("12.345", "legacy-77"), (opened.Value.Attributes["amount"], opened.Value.Attributes["legacyRef"]));
        await fx.AssertOutboxAsync(opened.Value, "wallet", wallet.WalletId, "OpeningBalancePosted");
        Assert.Equal([(main.Value, 12_345m, 12_345m)], await fx.StatementLinesAsync(opened.Value));

        await fx.AssertReplayAndConflictAsync(key, opened.Value,
            () => fx.Get<PostOpeningBalance>().RunAsync(new OpeningBalanceRequest(key, wallet.WalletId, "12.345", "KWD", "legacy-77"), Ct),
            () => fx.Get<PostOpeningBalance>().RunAsync(new OpeningBalanceRequest(key, wallet.WalletId, "12.346", "KWD", "legacy-77"), Ct));
        Assert.Equal(12_345, await fx.BalanceAsync(main, "KWD/3"));
        await fx.AssertBooksFootAsync();
    }

    [Fact]
    public async Task An_opening_balance_in_another_currency_than_the_wallets_is_rejected_and_writes_nothing()
    {
        var wallet = await fx.OpenWalletAsync("NGN");
        var key = Key();

        var opened = await fx.Get<PostOpeningBalance>().RunAsync(new OpeningBalanceRequest(key, wallet.WalletId, "1.00", "USD"), Ct);

        Assert.Equal((RejectionCodes.CurrencyMismatch, "walletId"), (opened.Error?.Code, opened.Error?.Field));
        await fx.AssertNothingWrittenAsync(key, "migration-opening-balance");
    }

    [Fact]
    public async Task A_second_opening_balance_under_another_key_is_a_state_conflict_and_writes_nothing()
    {
        var wallet = await fx.OpenWalletAsync("NGN");
        var first = await fx.Get<PostOpeningBalance>().RunAsync(new OpeningBalanceRequest(Key(), wallet.WalletId, "250.00", "NGN", "legacy-1"), Ct);
        Assert.True(first.IsSuccess, first.ToString());
        var secondKey = Key();

        var second = await fx.Get<PostOpeningBalance>().RunAsync(new OpeningBalanceRequest(secondKey, wallet.WalletId, "250.00", "NGN", "legacy-1"), Ct);

        var conflict = Assert.IsType<StateConflict>(second.Error);
        Assert.Equal((RejectionCodes.StateConflict, "walletId"), (conflict.Code, conflict.Field));
        Assert.Equal($"Wallet '{wallet.WalletId}' already has its opening balance (command {first.Value.CommandId}); a cutover posts one per wallet.", conflict.Message);
        await fx.AssertNothingWrittenAsync(secondKey, "migration-opening-balance");
        Assert.Equal(25_000, await fx.BalanceAsync(AccountAddresses.WalletMain(wallet.WalletId)));
    }

    [Fact]
    public async Task Twenty_racing_opening_balances_of_one_wallet_under_twenty_keys_post_exactly_one()
    {
        var wallet = await fx.OpenWalletAsync("NGN");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            fx.Get<PostOpeningBalance>().RunAsync(new OpeningBalanceRequest(Key(), wallet.WalletId, "10.00", "NGN", $"legacy-{i}"), Ct))));

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.IsType<StateConflict>(r.Error));
        Assert.Equal(1_000, await fx.BalanceAsync(AccountAddresses.WalletMain(wallet.WalletId)));
        Assert.Equal(1, await fx.CountAsync("walletflow.commands", "template = 'migration-opening-balance' AND request->>'walletId' = $1", wallet.WalletId));
    }
}
