using WalletFlow.Core.Accounts;
using WalletFlow.Core.Seed;
using WalletFlow.Core.Templates;
using WalletFlow.Numscript;

namespace WalletFlow.Adapters.Templates;

/// <summary>
/// Reads templates/signatures.csv: each template's vars as data, one row a var, in declaration order.
/// <code>
/// template,var,type,kinds,same_wallet_as,currency_of,counter_currency_of
/// pay-in,source,account,Bank Pool,,,
/// pay-in,reserve,account,WalletReserve,wallet,,
/// pay-in,amount,monetary,,,source,
/// fx-conversion,bought,monetary,,,,position
/// </code>
/// An account var names the account kinds it accepts (<see cref="AccountKind"/>, space-separated) and may
/// name the wallet var whose wallet it must belong to; a monetary var may name account vars whose
/// currency it must be in (theirs, or an FX position's second currency in <c>counter_currency_of</c>).
/// Every problem names its line.
/// </summary>
public static class TemplateSignatures
{
    /// <summary>The file's name in messages.</summary>
    public const string FileName = "templates/signatures.csv";

    /// <summary>The header.</summary>
    public static IReadOnlyList<string> Header { get; } = ["template", "var", "type", "kinds", "same_wallet_as", "currency_of", "counter_currency_of"];

    /// <summary>Each template's declared vars in file order; problems go to <paramref name="problems"/>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<TemplateDeclaration>> Read(string csv, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var records = Csv.Read(csv ?? "");
        var byTemplate = new Dictionary<string, List<(TemplateDeclaration Declaration, int Line)>>(StringComparer.Ordinal);
        if (records.Count == 0 || !records[0].Fields.SequenceEqual(Header, StringComparer.Ordinal))
        {
            problems.Add($"{FileName} line 1: the header must be '{string.Join(',', Header)}'");
            return new Dictionary<string, IReadOnlyList<TemplateDeclaration>>();
        }
        foreach (var record in records.Skip(1))
        {
            void Problem(string message) => problems.Add($"{FileName} line {record.Line}: {message}");
            if (record.Fields.Count != Header.Count)
            {
                Problem($"expected {Header.Count} fields, found {record.Fields.Count}");
                continue;
            }
            var (template, name, type) = (record.Fields[0], record.Fields[1], record.Fields[2]);
            var (kindWords, sameWallet, currencyOf, counterOf) = (Words(record.Fields[3]), record.Fields[4], Words(record.Fields[5]), Words(record.Fields[6]));
            if (!TemplateNames.All.Contains(template, StringComparer.Ordinal))
            {
                Problem($"'{template}' is not a template (core/Templates/TemplateNames)");
                continue;
            }
            if (!NumscriptTypes.All.Contains(type))
                Problem($"{template} ${name}: '{type}' is not a Numscript type ({string.Join(", ", NumscriptTypes.All.Order(StringComparer.Ordinal))})");
            var kinds = new HashSet<AccountKind>();
            foreach (var word in kindWords)
            {
                if (Enum.TryParse<AccountKind>(word, ignoreCase: false, out var kind) && Enum.IsDefined(kind))
                    kinds.Add(kind);
                else
                    Problem($"{template} ${name} names '{word}', which is not an account kind");
            }
            if (type == NumscriptTypes.Account && kindWords.Count == 0)
                Problem($"{template} ${name} is an account var without kinds: name the account kinds it accepts");
            if (type != NumscriptTypes.Account && (kindWords.Count > 0 || sameWallet.Length > 0))
                Problem($"{template} ${name} is {type}: only account vars take kinds and same_wallet_as");
            if (type != NumscriptTypes.Monetary && currencyOf.Count + counterOf.Count > 0)
                Problem($"{template} ${name} is {type}: only monetary vars take currency_of and counter_currency_of");

            var declarations = byTemplate.TryGetValue(template, out var list) ? list : byTemplate[template] = [];
            if (declarations.FirstOrDefault(d => d.Declaration.Name == name) is { Declaration: not null } earlier)
            {
                Problem($"{template} ${name} is declared again (first on line {earlier.Line})");
                continue;
            }
            declarations.Add((new TemplateDeclaration(name, type, kinds)
            {
                SameWalletAs = sameWallet.Length == 0 ? null : sameWallet,
                CurrencyOf = [.. currencyOf.Select(v => (v, false)), .. counterOf.Select(v => (v, true))],
            }, record.Line));
        }
        foreach (var (template, declarations) in byTemplate)
            CheckReferences(template, declarations, problems);
        return byTemplate.ToDictionary(t => t.Key, t => (IReadOnlyList<TemplateDeclaration>)[.. t.Value.Select(d => d.Declaration)], StringComparer.Ordinal);
    }

    // A hold or reserve shares a wallet with a wallet var; an amount is in the currency of an account var whose kinds carry one.
    private static void CheckReferences(string template, List<(TemplateDeclaration Declaration, int Line)> declarations, List<string> problems)
    {
        var byName = declarations.ToDictionary(d => d.Declaration.Name, d => d.Declaration, StringComparer.Ordinal);
        foreach (var (declaration, line) in declarations)
        {
            if (declaration.SameWalletAs is { } wallet)
            {
                var other = byName.GetValueOrDefault(wallet);
                if (other is null || other.Kinds.Count == 0 || !other.Kinds.All(CarriesWalletId) || !declaration.Kinds.All(CarriesWalletId))
                    problems.Add($"{FileName} line {line}: {template} ${declaration.Name} is in the same wallet as ${wallet}, but both must be wallet account vars");
            }
            foreach (var (account, counter) in declaration.CurrencyOf)
            {
                var other = byName.GetValueOrDefault(account);
                var fits = other is { Kinds.Count: > 0 } && other.Kinds.All(k => counter ? AccountKinds.Of(k).CarriesCounterCurrency : AccountKinds.Of(k).CarriesCurrency);
                if (!fits)
                    problems.Add($"{FileName} line {line}: {template} ${declaration.Name} is in the {(counter ? "counter " : "")}currency of ${account}, which is not an account var whose kinds carry {(counter ? "a counter currency" : "a currency")}");
            }
        }
    }

    private static bool CarriesWalletId(AccountKind kind) => AccountKinds.Of(kind).CarriesWalletId;

    private static List<string> Words(string field) => [.. field.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
}
