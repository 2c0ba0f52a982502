using WalletFlow.Core.Coa;

namespace WalletFlow.Core.Accounts;

/// <summary>
/// What every account kind is (design.md §3), in one table: its address pattern, class, normal side,
/// whether templates may let it go negative, and where the ALM view puts it. The classifier, the
/// template checks, the ALM view, the holds gate and the wallet balance read all consult it;
/// tests/unit/Accounts/AccountKindsTests checks that seed/coa.csv agrees with it.
/// </summary>
public static class AccountKinds
{
    private const bool Never = false;
    private const bool Allowed = true;

    /// <summary>Every kind, in <see cref="AccountKind"/> order.</summary>
    public static IReadOnlyList<AccountKindDescriptor> All { get; } =
    [
        //   kind                               address pattern (as in seed/coa.csv)   class                    normal side           negative  ALM
        Row(AccountKind.WalletMain,          "wallets:{walletId}:main",            AccountClass.Liability,  NormalBalance.Credit, Never,   AlmSide.CustomerFunds),
        Row(AccountKind.WalletHold,          "wallets:{walletId}:holds:{holdId}",  AccountClass.Liability,  NormalBalance.Credit, Never,   AlmSide.CustomerFunds),
        Row(AccountKind.WalletReserve,       "wallets:{walletId}:reserve",         AccountClass.Liability,  NormalBalance.Credit, Never,   AlmSide.CustomerFunds),
        Row(AccountKind.Bank,                "banks:{bankId}:{ccy}",               AccountClass.Asset,      NormalBalance.Debit,  Allowed, AlmSide.Cover),
        Row(AccountKind.Pool,                "pools:{providerId}:{ccy}",           AccountClass.Asset,      NormalBalance.Debit,  Allowed, AlmSide.Cover),
        Row(AccountKind.PayoutClearing,      "clearing:payouts:{providerId}",      AccountClass.Clearing,   NormalBalance.Credit, Allowed, AlmSide.Cover),
        Row(AccountKind.FxPosition,          "fx:{pair}",                          AccountClass.FxPosition, NormalBalance.Debit,  Allowed, AlmSide.None),
        Row(AccountKind.Custody,             "custody:{network}:{asset}",          AccountClass.Asset,      NormalBalance.Debit,  Allowed, AlmSide.Cover),
        Row(AccountKind.Counterparty,        "counterparties:{counterpartyId}",    AccountClass.Asset,      NormalBalance.Debit,  Allowed, AlmSide.None),
        Row(AccountKind.FeeRevenue,          "revenue:fees",                       AccountClass.Revenue,    NormalBalance.Credit, Never,   AlmSide.None),
        Row(AccountKind.FxSpreadRevenue,     "revenue:fx-spread",                  AccountClass.Revenue,    NormalBalance.Credit, Never,   AlmSide.None),
        Row(AccountKind.FxRoundingRevenue,   "revenue:fx-rounding",                AccountClass.Revenue,    NormalBalance.Credit, Never,   AlmSide.None),
        Row(AccountKind.Expense,             "expenses:{name}",                    AccountClass.Expense,    NormalBalance.Debit,  Allowed, AlmSide.None),
        // Equity has "no rule" in design.md §3; it is the counterpart of debit-normal cash, so it may go negative.
        Row(AccountKind.MigrationEquity,     "equity:migration",                   AccountClass.Equity,     NormalBalance.Credit, Allowed, AlmSide.None),
        Row(AccountKind.FundingEquity,       "equity:funding",                     AccountClass.Equity,     NormalBalance.Credit, Allowed, AlmSide.None),
        Row(AccountKind.CorrectionsSuspense, "suspense:corrections",               AccountClass.Suspense,   NormalBalance.Debit,  Allowed, AlmSide.None),
    ];

    private static readonly Dictionary<AccountKind, AccountKindDescriptor> ByKind = All.ToDictionary(d => d.Kind);

    private static readonly Dictionary<string, AccountKindDescriptor[]> ByFamily =
        All.GroupBy(d => d.Family, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <summary>The account families (first segments), in table order.</summary>
    public static IReadOnlyList<string> Families { get; } = [.. All.Select(d => d.Family).Distinct(StringComparer.Ordinal)];

    /// <summary>The row of <paramref name="kind"/>.</summary>
    public static AccountKindDescriptor Of(AccountKind kind) =>
        ByKind.TryGetValue(kind, out var descriptor) ? descriptor : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an account kind.");

    /// <summary>The rows whose addresses start with <paramref name="family"/>; empty for an unknown family.</summary>
    public static IReadOnlyList<AccountKindDescriptor> InFamily(string family) => ByFamily.GetValueOrDefault(family) ?? [];

    private static AccountKindDescriptor Row(
        AccountKind kind, string pattern, AccountClass accountClass, NormalBalance normalSide, bool mayGoNegative, AlmSide alm) =>
        new(kind, AddressPattern.Parse(pattern), accountClass, normalSide, mayGoNegative, alm);
}
