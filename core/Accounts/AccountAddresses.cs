using WalletFlow.Core.Monetary;

namespace WalletFlow.Core.Accounts;

/// <summary>
/// Builders for every account kind of design.md §3, in one place (the words are <see cref="AddressSegments"/>). Ids must be
/// single segments (<c>[A-Za-z0-9_-]+</c>); anything else is a caller bug and throws.
/// </summary>
public static class AccountAddresses
{
    /// <summary><c>revenue:fees</c>.</summary>
    public static AccountAddress FeeRevenue { get; } = new($"{AddressSegments.Revenue}:{AddressSegments.Fees}");

    /// <summary><c>revenue:fx-spread</c>.</summary>
    public static AccountAddress FxSpreadRevenue { get; } = new($"{AddressSegments.Revenue}:{AddressSegments.FxSpread}");

    /// <summary><c>revenue:fx-rounding</c>.</summary>
    public static AccountAddress FxRoundingRevenue { get; } = new($"{AddressSegments.Revenue}:{AddressSegments.FxRounding}");

    /// <summary><c>equity:migration</c>.</summary>
    public static AccountAddress MigrationEquity { get; } = new($"{AddressSegments.Equity}:{AddressSegments.Migration}");

    /// <summary><c>equity:funding</c>.</summary>
    public static AccountAddress FundingEquity { get; } = new($"{AddressSegments.Equity}:{AddressSegments.Funding}");

    /// <summary><c>suspense:corrections</c>.</summary>
    public static AccountAddress CorrectionsSuspense { get; } = new($"{AddressSegments.Suspense}:{AddressSegments.Corrections}");

    /// <summary><c>wallets:{walletId}:main</c>.</summary>
    public static AccountAddress WalletMain(string walletId) => Build(AddressSegments.Wallets, Id(walletId), AddressSegments.Main);

    /// <summary><c>wallets:{walletId}:holds:{holdId}</c>.</summary>
    public static AccountAddress WalletHold(string walletId, string holdId) => Build(AddressSegments.Wallets, Id(walletId), AddressSegments.Holds, Id(holdId));

    /// <summary><c>wallets:{walletId}:reserve</c>.</summary>
    public static AccountAddress WalletReserve(string walletId) => Build(AddressSegments.Wallets, Id(walletId), AddressSegments.Reserve);

    /// <summary><c>banks:{bankId}:{ccy}</c>.</summary>
    public static AccountAddress Bank(string bankId, Currency currency) => Build(AddressSegments.Banks, Id(bankId), Code(currency));

    /// <summary><c>pools:{providerId}:{ccy}</c>.</summary>
    public static AccountAddress Pool(string providerId, Currency currency) => Build(AddressSegments.Pools, Id(providerId), Code(currency));

    /// <summary><c>clearing:payouts:{providerId}</c>.</summary>
    public static AccountAddress PayoutClearing(string providerId) => Build(AddressSegments.Clearing, AddressSegments.Payouts, Id(providerId));

    /// <summary><c>fx:{ccyA}-{ccyB}</c>, in the order given (sold currency first by convention).</summary>
    public static AccountAddress FxPosition(Currency first, Currency second) =>
        first == second
            ? throw new ArgumentException($"An FX position needs two different currencies, got {first.Code} twice.", nameof(second))
            : Build(AddressSegments.FxPosition, $"{Code(first)}-{Code(second)}");

    /// <summary><c>custody:{network}:{asset}</c>.</summary>
    public static AccountAddress Custody(string network, Currency asset) => Build(AddressSegments.Custody, Id(network), Code(asset));

    /// <summary><c>counterparties:{id}</c>.</summary>
    public static AccountAddress Counterparty(string counterpartyId) => Build(AddressSegments.Counterparties, Id(counterpartyId));

    /// <summary><c>expenses:{name}</c>.</summary>
    public static AccountAddress Expense(string name) => Build(AddressSegments.Expenses, Id(name));

    private static AccountAddress Build(params string[] segments) => new(string.Join(':', segments));

    private static string Id(string id, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(id))] string name = "") =>
        AccountAddress.IsValidSegment(id)
            ? id
            : throw new ArgumentException($"'{id}' is not a valid address segment: letters, digits, '_' and '-' only.", name);

    private static string Code(Currency currency) =>
        currency.Code ?? throw new ArgumentException("default(Currency) cannot name an account.", nameof(currency));
}
