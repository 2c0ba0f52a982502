namespace WalletFlow.Core.Accounts;

/// <summary>
/// The placeholder names of the address patterns in <see cref="AccountKinds"/> (and seed/coa.csv),
/// in one place: each names the part of <see cref="ClassifiedAccount"/> its segment fills.
/// </summary>
public static class AddressPlaceholders
{
    /// <summary><c>{walletId}</c>: <see cref="ClassifiedAccount.WalletId"/>.</summary>
    public const string WalletId = "walletId";

    /// <summary><c>{holdId}</c>: <see cref="ClassifiedAccount.HoldId"/>.</summary>
    public const string HoldId = "holdId";

    /// <summary><c>{bankId}</c>: <see cref="ClassifiedAccount.BankId"/>.</summary>
    public const string BankId = "bankId";

    /// <summary><c>{providerId}</c>: <see cref="ClassifiedAccount.ProviderId"/>.</summary>
    public const string ProviderId = "providerId";

    /// <summary><c>{ccy}</c>: a currency code of the currency table, <see cref="ClassifiedAccount.Currency"/>.</summary>
    public const string Currency = "ccy";

    /// <summary><c>{asset}</c>: a custody asset's currency code, <see cref="ClassifiedAccount.Currency"/>.</summary>
    public const string Asset = "asset";

    /// <summary><c>{pair}</c>: <c>CCYA-CCYB</c>, <see cref="ClassifiedAccount.Currency"/> and <see cref="ClassifiedAccount.CounterCurrency"/>.</summary>
    public const string Pair = "pair";

    /// <summary><c>{network}</c>: <see cref="ClassifiedAccount.Network"/>.</summary>
    public const string Network = "network";

    /// <summary><c>{counterpartyId}</c>: <see cref="ClassifiedAccount.CounterpartyId"/>.</summary>
    public const string CounterpartyId = "counterpartyId";

    /// <summary><c>{name}</c>: <see cref="ClassifiedAccount.ExpenseName"/>.</summary>
    public const string ExpenseName = "name";
}
