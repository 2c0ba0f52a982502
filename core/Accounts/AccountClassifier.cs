using WalletFlow.Core.Monetary;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Accounts;

/// <summary>
/// Turns any address into its <see cref="AccountKind"/> and parts, or rejects it with the reason: the
/// address must match a pattern of <see cref="AccountKinds"/>, whose placeholders name the parts.
/// Currency segments must be codes in the currency table (upper-case, as the ledger assets are).
/// </summary>
public static class AccountClassifier
{
    // Only for messages ("wallet accounts are …"); a family not listed is its own word.
    private static readonly Dictionary<string, string> FamilyNouns = new(StringComparer.Ordinal)
    {
        [AddressSegments.Wallets] = "wallet",
        [AddressSegments.Banks] = "bank",
        [AddressSegments.Pools] = "pool",
        [AddressSegments.FxPosition] = "FX position",
        [AddressSegments.Counterparties] = "counterparty",
        [AddressSegments.Expenses] = "expense",
    };

    /// <summary>Classifies text from any source (ledger listing, API input).</summary>
    public static Result<ClassifiedAccount> Classify(string address, CurrencyCatalog? currencies = null) =>
        AccountAddress.Parse(address).Then(a => Classify(a, currencies));

    /// <summary>Classifies a well-formed address.</summary>
    public static Result<ClassifiedAccount> Classify(AccountAddress address, CurrencyCatalog? currencies = null)
    {
        var catalog = currencies ?? CurrencyCatalog.Default;
        var s = address.Segments;
        Result<ClassifiedAccount> Reject(string reason) => new InvalidAddress(address.Value, reason);

        var family = AccountKinds.InFamily(s[0]);
        if (family.Count == 0)
        {
            return Reject(s[0] == AddressSegments.World
                ? "@world is not used by walletflow (design.md §3): every movement names a real account"
                : $"'{s[0]}' is not an account family; expected one of {string.Join(", ", AccountKinds.Families)}");
        }
        var descriptor = family.FirstOrDefault(d => d.Matches(address));
        if (descriptor is null)
            return Reject($"{FamilyNouns.GetValueOrDefault(s[0], s[0])} accounts are {OneOf(family)}");

        var account = new ClassifiedAccount(address, descriptor.Kind);
        foreach (var (index, name) in descriptor.Pattern.Placeholders)
        {
            var part = s[index];
            Result<ClassifiedAccount> filled = name switch
            {
                AddressPlaceholders.WalletId => account with { WalletId = part },
                AddressPlaceholders.HoldId => account with { HoldId = part },
                AddressPlaceholders.BankId => account with { BankId = part },
                AddressPlaceholders.ProviderId => account with { ProviderId = part },
                AddressPlaceholders.Network => account with { Network = part },
                AddressPlaceholders.CounterpartyId => account with { CounterpartyId = part },
                AddressPlaceholders.ExpenseName => account with { ExpenseName = part },
                AddressPlaceholders.Currency or AddressPlaceholders.Asset => catalog.Find(part) is { IsSuccess: true } currency
                    ? account with { Currency = currency.Value }
                    : Reject($"segment {index + 1} '{part}' is not a known currency code"),
                AddressPlaceholders.Pair => FxPair(account, part),
                _ => throw new InvalidOperationException($"AccountKinds: the pattern {descriptor.Pattern} has {{{name}}}, which no part of an account is"),
            };
            if (!filled.TryGetValue(out account, out _))
                return filled;
        }
        return account;

        Result<ClassifiedAccount> FxPair(ClassifiedAccount position, string pair)
        {
            var codes = pair.Split('-');
            if (codes.Length != 2)
                return Reject($"'{pair}' is not a currency pair CCYA-CCYB");
            var first = catalog.Find(codes[0]);
            var second = catalog.Find(codes[1]);
            if (!first.IsSuccess)
                return Reject($"'{codes[0]}' in the pair is not a known currency code");
            if (!second.IsSuccess)
                return Reject($"'{codes[1]}' in the pair is not a known currency code");
            if (first.Value == second.Value)
                return Reject($"the pair '{pair}' names the same currency twice");
            return position with { Currency = first.Value, CounterCurrency = second.Value };
        }
    }

    private static string OneOf(IReadOnlyList<AccountKindDescriptor> family) =>
        family.Count == 1
            ? family[0].Pattern.Text
            : $"{string.Join(", ", family.Take(family.Count - 1).Select(d => d.Pattern.Text))} or {family[^1].Pattern.Text}";
}
