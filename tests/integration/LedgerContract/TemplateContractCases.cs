using WalletFlow.Core.Monetary;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Templates;
using static WalletFlow.Tests.Integration.Templates.TemplateLedger;

namespace WalletFlow.Tests.Integration.LedgerContract;

/// <summary>
/// One case per template of the 18 for the contract suite: the steps that give it something to work
/// on (a funded wallet, an open hold…), then the template itself, each with the postings it must
/// produce. The amounts are those of tests/integration/Templates, where every template is also run
/// on the embedded ledger alone.
/// </summary>
internal static class TemplateContractCases
{
    public sealed record Step(string Template, (string Name, TemplateVar Value)[] Vars, (string Source, string Destination, long Amount, string Asset)[] Postings);

    public sealed record Case(Step[] Setup, Step Subject);

    private const string Bank = "banks:gtb:NGN";
    private const string W1 = "wallets:w1:main";
    private const string W2 = "wallets:w2:main";
    private const string Reserve1 = "wallets:w1:reserve";
    private const string Fees = "revenue:fees";
    private const string PayoutHold = "wallets:w1:holds:p1";
    private const string GenericHold = "wallets:w1:holds:h1";
    private const string Acme = "counterparties:acme";
    private const string Position = "fx:NGN-USD";
    private const string Custody = "custody:tron:USDT";
    private const string CryptoWallet = "wallets:c1:main";
    private const string N = "NGN/2";

    private static Step Fund(long amount) => new(TemplateNames.PayIn,
        [("source", Acc(Bank)), ("wallet", Acc(W1)), ("reserve", Acc(Reserve1)), ("amount", Ngn(amount)), ("fee", Ngn(0)), ("reserve_amount", Ngn(0))],
        [(Bank, W1, amount, N)]);

    private static readonly Step HoldPayout = new(TemplateNames.PayoutHold,
        [("wallet", Acc(W1)), ("hold", Acc(PayoutHold)), ("amount", Ngn(30_000)), ("fee", Ngn(250))],
        [(W1, PayoutHold, 30_000, N), (W1, PayoutHold, 250, N)]);

    private static readonly Step PlaceHold = new(TemplateNames.HoldPlace,
        [("wallet", Acc(W1)), ("hold", Acc(GenericHold)), ("amount", Ngn(5_000))],
        [(W1, GenericHold, 5_000, N)]);

    private static readonly Step SettleHold = new(TemplateNames.HoldSettle,
        [("hold", Acc(GenericHold)), ("counterparty", Acc(Acme)), ("amount", Ngn(4_000))],
        [(GenericHold, Acme, 4_000, N)]);

    private static readonly Step Mint = new(TemplateNames.StablecoinMint,
        [("custody", Acc(Custody)), ("wallet", Acc(CryptoWallet)), ("amount", Usdt(25_000_000))],
        [(Custody, CryptoWallet, 25_000_000, "USDT/6")]);

    public static IReadOnlyDictionary<string, Case> All { get; } = new Dictionary<string, Case>
    {
        [TemplateNames.PayIn] = new([], new(TemplateNames.PayIn,
            [("source", Acc(Bank)), ("wallet", Acc(W1)), ("reserve", Acc(Reserve1)), ("amount", Ngn(100_000)), ("fee", Ngn(1_500)), ("reserve_amount", Ngn(10_000))],
            [(Bank, W1, 100_000, N), (W1, Fees, 1_500, N), (W1, Reserve1, 10_000, N)])),
        [TemplateNames.Transfer] = new([Fund(50_000)], new(TemplateNames.Transfer,
            [("from", Acc(W1)), ("to", Acc(W2)), ("amount", Ngn(20_000)), ("fee", Ngn(100))],
            [(W1, W2, 20_000, N), (W1, Fees, 100, N)])),
        [TemplateNames.PayoutHold] = new([Fund(50_000)], HoldPayout),
        [TemplateNames.PayoutSettle] = new([Fund(50_000), HoldPayout], new(TemplateNames.PayoutSettle,
            [("hold", Acc(PayoutHold)), ("clearing", Acc("clearing:payouts:sandbox")), ("amount", Ngn(30_000)), ("fee", Ngn(250))],
            [(PayoutHold, "clearing:payouts:sandbox", 30_000, N), (PayoutHold, Fees, 250, N)])),
        [TemplateNames.PayoutRelease] = new([Fund(50_000), HoldPayout], new(TemplateNames.PayoutRelease,
            [("hold", Acc(PayoutHold)), ("wallet", Acc(W1)), ("asset", AssetOf(Currency.NGN))],
            [(PayoutHold, W1, 30_250, N)])),
        [TemplateNames.HoldPlace] = new([Fund(10_000)], PlaceHold),
        [TemplateNames.HoldSettle] = new([Fund(10_000), PlaceHold], SettleHold),
        [TemplateNames.HoldRelease] = new([Fund(10_000), PlaceHold, SettleHold], new(TemplateNames.HoldRelease,
            [("hold", Acc(GenericHold)), ("wallet", Acc(W1)), ("asset", AssetOf(Currency.NGN))],
            [(GenericHold, W1, 1_000, N)])),
        [TemplateNames.FxConversion] = new([Fund(200_000)], new(TemplateNames.FxConversion,
            [("from", Acc(W1)), ("to", Acc("wallets:w1usd:main")), ("position", Acc(Position)),
             ("sold", Ngn(150_000)), ("bought", Usd(99)), ("spread", Usd(1)), ("rounding", Usd(1)), ("rate", Text("0.000666"))],
            [(W1, Position, 150_000, N), (Position, "wallets:w1usd:main", 99, "USD/2"), (Position, "revenue:fx-spread", 1, "USD/2"),
             (Position, "revenue:fx-rounding", 1, "USD/2")])),
        [TemplateNames.PoolFunding] = new([], new(TemplateNames.PoolFunding,
            [("pool", Acc("pools:gps:NGN")), ("bank", Acc(Bank)), ("amount", Ngn(400_000))],
            [("pools:gps:NGN", Bank, 400_000, N)])),
        [TemplateNames.PoolTransfer] = new([], new(TemplateNames.PoolTransfer,
            [("from_pool", Acc("pools:gps:NGN")), ("to_pool", Acc("pools:gps:USD")), ("position", Acc(Position)), ("sent", Ngn(150_000)), ("received", Usd(100))],
            [(Position, "pools:gps:NGN", 150_000, N), ("pools:gps:USD", Position, 100, "USD/2")])),
        [TemplateNames.StablecoinMint] = new([], Mint),
        [TemplateNames.StablecoinBurn] = new([Mint], new(TemplateNames.StablecoinBurn,
            [("wallet", Acc(CryptoWallet)), ("custody", Acc(Custody)), ("amount", Usdt(5_000_000))],
            [(CryptoWallet, Custody, 5_000_000, "USDT/6")])),
        [TemplateNames.CounterpartySettlement] = new([Fund(10_000), PlaceHold, SettleHold], new(TemplateNames.CounterpartySettlement,
            [("counterparty", Acc(Acme)), ("bank", Acc(Bank)), ("amount", Ngn(4_000))],
            [(Acme, Bank, 4_000, N)])),
        [TemplateNames.ReserveRelease] = new(
            [new(TemplateNames.PayIn,
                [("source", Acc(Bank)), ("wallet", Acc(W1)), ("reserve", Acc(Reserve1)), ("amount", Ngn(100_000)), ("fee", Ngn(0)), ("reserve_amount", Ngn(10_000))],
                [(Bank, W1, 100_000, N), (W1, Reserve1, 10_000, N)])],
            new(TemplateNames.ReserveRelease,
                [("reserve", Acc(Reserve1)), ("wallet", Acc(W1)), ("amount", Ngn(6_000))],
                [(Reserve1, W1, 6_000, N)])),
        [TemplateNames.Correction] = new([Fund(1_000)], new(TemplateNames.Correction,
            [("wallet", Acc(W1)), ("credit", Ngn(0)), ("debit", Ngn(800)), ("reason", Text("duplicate pay-in 43"))],
            [(W1, "suspense:corrections", 800, N)])),
        [TemplateNames.MigrationOpeningBalance] = new([], new(TemplateNames.MigrationOpeningBalance,
            [("wallet", Acc(W1)), ("amount", Ngn(90_000))],
            [("equity:migration", W1, 90_000, N)])),
        [TemplateNames.BankFunding] = new([], new(TemplateNames.BankFunding,
            [("bank", Acc(Bank)), ("amount", Ngn(1_000_000))],
            [(Bank, "equity:funding", 1_000_000, N)])),
    };
}
