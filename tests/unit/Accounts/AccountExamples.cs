using WalletFlow.Core.Accounts;
using WalletFlow.Core.Monetary;

namespace WalletFlow.Tests.Unit.Accounts;

/// <summary>One address per account kind of design.md §3, built with the builders.</summary>
public static class AccountExamples
{
    public static IReadOnlyDictionary<AccountKind, AccountAddress> ByKind { get; } = new Dictionary<AccountKind, AccountAddress>
    {
        [AccountKind.WalletMain] = AccountAddresses.WalletMain("w-1"),
        [AccountKind.WalletHold] = AccountAddresses.WalletHold("w-1", "payout_42"),
        [AccountKind.WalletReserve] = AccountAddresses.WalletReserve("w-1"),
        [AccountKind.Bank] = AccountAddresses.Bank("gtbank", Currency.NGN),
        [AccountKind.Pool] = AccountAddresses.Pool("gps", Currency.USD),
        [AccountKind.PayoutClearing] = AccountAddresses.PayoutClearing("sandbox"),
        [AccountKind.FxPosition] = AccountAddresses.FxPosition(Currency.USD, Currency.NGN),
        [AccountKind.Custody] = AccountAddresses.Custody("tron", Currency.USDT),
        [AccountKind.Counterparty] = AccountAddresses.Counterparty("acme"),
        [AccountKind.FeeRevenue] = AccountAddresses.FeeRevenue,
        [AccountKind.FxSpreadRevenue] = AccountAddresses.FxSpreadRevenue,
        [AccountKind.FxRoundingRevenue] = AccountAddresses.FxRoundingRevenue,
        [AccountKind.Expense] = AccountAddresses.Expense("bank-charges"),
        [AccountKind.MigrationEquity] = AccountAddresses.MigrationEquity,
        [AccountKind.FundingEquity] = AccountAddresses.FundingEquity,
        [AccountKind.CorrectionsSuspense] = AccountAddresses.CorrectionsSuspense,
    };

    public static TheoryData<AccountKind> Kinds() => [.. Enum.GetValues<AccountKind>()];
}
