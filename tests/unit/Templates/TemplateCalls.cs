using WalletFlow.Core.Accounts;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Templates;

namespace WalletFlow.Tests.Unit.Templates;

/// <summary>One well-formed call per template, with every optional split non-zero so every leg shows.</summary>
internal static class TemplateCalls
{
    public static TemplateVar Acc(string address) => new TemplateVar.Account(new AccountAddress(address));

    public static TemplateVar Ngn(long minor) => new TemplateVar.Monetary(new Money(Currency.NGN, minor));

    public static TemplateVar Usd(long minor) => new TemplateVar.Monetary(new Money(Currency.USD, minor));

    public static TemplateVar Usdt(long minor) => new TemplateVar.Monetary(new Money(CurrencyCatalog.Default.Require("USDT"), minor));

    public static TemplateVar Asset(Currency currency) => new TemplateVar.Asset(LedgerAsset.For(currency));

    public static TemplateVar Text(string value) => new TemplateVar.Text(value);

    public static TemplateCall Call(string template, params (string Name, TemplateVar Value)[] vars) =>
        new(template, vars.ToDictionary(v => v.Name, v => v.Value));

    public static IReadOnlyDictionary<string, TemplateCall> All { get; } = new Dictionary<string, TemplateCall>
    {
        [TemplateNames.PayIn] = Call(TemplateNames.PayIn, ("source", Acc("banks:gtb:NGN")), ("wallet", Acc("wallets:w1:main")),
            ("reserve", Acc("wallets:w1:reserve")), ("amount", Ngn(100_000)), ("fee", Ngn(1_500)), ("reserve_amount", Ngn(10_000))),
        [TemplateNames.Transfer] = Call(TemplateNames.Transfer, ("from", Acc("wallets:w1:main")), ("to", Acc("wallets:w2:main")),
            ("amount", Ngn(20_000)), ("fee", Ngn(100))),
        [TemplateNames.PayoutHold] = Call(TemplateNames.PayoutHold, ("wallet", Acc("wallets:w1:main")), ("hold", Acc("wallets:w1:holds:p1")),
            ("amount", Ngn(30_000)), ("fee", Ngn(250))),
        [TemplateNames.PayoutSettle] = Call(TemplateNames.PayoutSettle, ("hold", Acc("wallets:w1:holds:p1")), ("clearing", Acc("clearing:payouts:sandbox")),
            ("amount", Ngn(30_000)), ("fee", Ngn(250))),
        [TemplateNames.PayoutRelease] = Call(TemplateNames.PayoutRelease, ("hold", Acc("wallets:w1:holds:p1")), ("wallet", Acc("wallets:w1:main")),
            ("asset", Asset(Currency.NGN))),
        [TemplateNames.HoldPlace] = Call(TemplateNames.HoldPlace, ("wallet", Acc("wallets:w1:main")), ("hold", Acc("wallets:w1:holds:h1")),
            ("amount", Ngn(5_000))),
        [TemplateNames.HoldSettle] = Call(TemplateNames.HoldSettle, ("hold", Acc("wallets:w1:holds:h1")), ("counterparty", Acc("counterparties:acme")),
            ("amount", Ngn(4_000))),
        [TemplateNames.HoldRelease] = Call(TemplateNames.HoldRelease, ("hold", Acc("wallets:w1:holds:h1")), ("wallet", Acc("wallets:w1:main")),
            ("asset", Asset(Currency.NGN))),
        // 1500.00 NGN at 0.000666 (market 0.000675): bought 99.9 → 99 cents, spread 1.35 → 1, market value 101.25 → 101, rounding 1.
        [TemplateNames.FxConversion] = Call(TemplateNames.FxConversion, ("from", Acc("wallets:w1:main")), ("to", Acc("wallets:w1usd:main")),
            ("position", Acc("fx:NGN-USD")), ("sold", Ngn(150_000)), ("bought", Usd(99)), ("spread", Usd(1)), ("rounding", Usd(1)), ("rate", Text("0.000666"))),
        [TemplateNames.PoolFunding] = Call(TemplateNames.PoolFunding, ("pool", Acc("pools:gps:NGN")), ("bank", Acc("banks:gtb:NGN")),
            ("amount", Ngn(500_000))),
        [TemplateNames.PoolTransfer] = Call(TemplateNames.PoolTransfer, ("from_pool", Acc("pools:gps:NGN")), ("to_pool", Acc("pools:gps:USD")),
            ("position", Acc("fx:NGN-USD")), ("sent", Ngn(150_000)), ("received", Usd(100))),
        [TemplateNames.StablecoinMint] = Call(TemplateNames.StablecoinMint, ("custody", Acc("custody:tron:USDT")), ("wallet", Acc("wallets:c1:main")),
            ("amount", Usdt(25_000_000))),
        [TemplateNames.StablecoinBurn] = Call(TemplateNames.StablecoinBurn, ("wallet", Acc("wallets:c1:main")), ("custody", Acc("custody:tron:USDT")),
            ("amount", Usdt(5_000_000))),
        [TemplateNames.CounterpartySettlement] = Call(TemplateNames.CounterpartySettlement, ("counterparty", Acc("counterparties:acme")),
            ("bank", Acc("banks:gtb:NGN")), ("amount", Ngn(4_000))),
        [TemplateNames.ReserveRelease] = Call(TemplateNames.ReserveRelease, ("reserve", Acc("wallets:w1:reserve")), ("wallet", Acc("wallets:w1:main")),
            ("amount", Ngn(10_000))),
        [TemplateNames.Correction] = Call(TemplateNames.Correction, ("wallet", Acc("wallets:w1:main")), ("credit", Ngn(700)), ("debit", Ngn(200)),
            ("reason", Text("duplicate pay-in 42"))),
        [TemplateNames.MigrationOpeningBalance] = Call(TemplateNames.MigrationOpeningBalance, ("wallet", Acc("wallets:w1:main")), ("amount", Ngn(90_000))),
        [TemplateNames.BankFunding] = Call(TemplateNames.BankFunding, ("bank", Acc("banks:gtb:NGN")), ("amount", Ngn(1_000_000))),
    };
}
