using WalletFlow.Core.Coa;

namespace WalletFlow.Core.Accounts;

/// <summary>
/// What one account kind is (design.md §3): one row of <see cref="AccountKinds"/>. Whether it carries a
/// wallet id or a currency is read off its pattern's placeholders, so the two cannot disagree.
/// </summary>
/// <param name="Kind">The kind.</param>
/// <param name="Pattern">Its address pattern, written as in seed/coa.csv (<see cref="AddressPlaceholders"/> name the parts).</param>
/// <param name="Class">Its chart-of-accounts class.</param>
/// <param name="NormalSide">The side its balance normally sits on.</param>
/// <param name="MayGoNegative">Whether templates may let it go below zero (an overdraft clause); the ledger rejects the rest.</param>
/// <param name="Alm">Where it stands in the ALM view.</param>
public sealed record AccountKindDescriptor(
    AccountKind Kind, AddressPattern Pattern, AccountClass Class, NormalBalance NormalSide, bool MayGoNegative, AlmSide Alm)
{
    /// <summary>The first segment of its addresses (<c>wallets</c>).</summary>
    public string Family => Pattern.Family;

    /// <summary>True when its address carries a wallet id (<c>{walletId}</c>).</summary>
    public bool CarriesWalletId => Pattern.HasPlaceholder(AddressPlaceholders.WalletId);

    /// <summary>True when its address carries a currency: banks and pools (<c>{ccy}</c>), custody (<c>{asset}</c>), FX positions (<c>{pair}</c>, the first one).</summary>
    public bool CarriesCurrency =>
        Pattern.HasPlaceholder(AddressPlaceholders.Currency) || Pattern.HasPlaceholder(AddressPlaceholders.Asset) || CarriesCounterCurrency;

    /// <summary>True when its address carries a second currency: FX positions (<c>{pair}</c>).</summary>
    public bool CarriesCounterCurrency => Pattern.HasPlaceholder(AddressPlaceholders.Pair);

    /// <summary>True when <paramref name="address"/> is of this kind's shape (its currency segments are not checked here; <see cref="AccountClassifier"/> does that).</summary>
    public bool Matches(AccountAddress address) => Pattern.Matches(address);
}
