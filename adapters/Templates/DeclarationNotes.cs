using System.Text.RegularExpressions;
using WalletFlow.Core.Accounts;
using WalletFlow.Numscript;

namespace WalletFlow.Adapters.Templates;

/// <summary>
/// Reads the notes on a template's declaration lines, which say what the types cannot:
/// <code>
/// account $source  // kinds: Bank, Pool
/// account $reserve // kinds: WalletReserve; same wallet as $wallet
/// monetary $amount // currency of $source
/// monetary $bought // counter currency of $position
/// </code>
/// Every account var needs a kinds note. A currency note names account vars whose kinds carry a
/// currency (banks, pools, custody: theirs; FX positions: the first currency, or the second with
/// <c>counter</c>), joined with <c>;</c>.
/// </summary>
public static partial class DeclarationNotes
{
    /// <summary>The declarations of <paramref name="script"/> with their notes; problems go to <paramref name="problems"/>.</summary>
    public static IReadOnlyList<TemplateDeclaration> Read(string template, string source, ParsedScript script, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(problems);
        var notes = Note().Matches(source).ToDictionary(m => m.Groups["var"].Value, m => m.Groups["note"].Value.Trim(), StringComparer.Ordinal);
        var declarations = new List<TemplateDeclaration>();
        foreach (var (name, type) in script.Variables)
        {
            var note = notes.GetValueOrDefault(name);
            declarations.Add(type switch
            {
                NumscriptTypes.Account => AccountNote(template, name, note, problems),
                NumscriptTypes.Monetary when note is not null => MonetaryNote(template, name, note, problems),
                _ when note is not null => Problem(new TemplateDeclaration(name, type, new HashSet<AccountKind>()), problems,
                    $"{template}: {type} ${name} has a note, but only account and monetary vars take one"),
                _ => new TemplateDeclaration(name, type, new HashSet<AccountKind>()),
            });
        }
        CheckReferences(template, declarations, problems);
        return declarations;
    }

    private static TemplateDeclaration AccountNote(string template, string name, string? note, List<string> problems)
    {
        var kinds = new HashSet<AccountKind>();
        var declaration = new TemplateDeclaration(name, NumscriptTypes.Account, kinds);
        if (note is null || !note.StartsWith("kinds:", StringComparison.Ordinal))
            return Problem(declaration, problems, $"{template}: account ${name} has no '// kinds: …' note naming the account kinds it accepts");
        var parts = note["kinds:".Length..].Split(';', 2, StringSplitOptions.TrimEntries);
        foreach (var word in parts[0].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Enum.TryParse<AccountKind>(word, ignoreCase: false, out var kind) && Enum.IsDefined(kind))
                kinds.Add(kind);
            else
                problems.Add($"{template}: account ${name} names '{word}', which is not an account kind");
        }
        if (parts.Length < 2)
            return declaration;
        var same = SameWallet().Match(parts[1]);
        return same.Success
            ? declaration with { SameWalletAs = same.Groups["var"].Value }
            : Problem(declaration, problems, $"{template}: account ${name} has '{parts[1]}' after its kinds; only 'same wallet as $var' may follow");
    }

    private static TemplateDeclaration MonetaryNote(string template, string name, string note, List<string> problems)
    {
        var currencyOf = new List<(string, bool)>();
        foreach (var part in note.Split(';', StringSplitOptions.TrimEntries))
        {
            var match = CurrencyOf().Match(part);
            if (match.Success)
                currencyOf.Add((match.Groups["var"].Value, match.Groups["counter"].Success));
            else
                problems.Add($"{template}: monetary ${name} has the note '{part}'; only 'currency of $var' or 'counter currency of $var' may be");
        }
        return new TemplateDeclaration(name, NumscriptTypes.Monetary, new HashSet<AccountKind>()) { CurrencyOf = currencyOf };
    }

    private static void CheckReferences(string template, List<TemplateDeclaration> declarations, List<string> problems)
    {
        var byName = declarations.ToDictionary(d => d.Name, StringComparer.Ordinal);
        foreach (var declaration in declarations.Where(d => d.SameWalletAs is not null))
        {
            var other = byName.GetValueOrDefault(declaration.SameWalletAs!);
            if (other is null || other.Kinds.Count == 0 || !other.Kinds.All(CarriesWalletId) || !declaration.Kinds.All(CarriesWalletId))
                problems.Add($"{template}: ${declaration.Name} is 'same wallet as ${declaration.SameWalletAs}', but both must be wallet account vars");
        }
        foreach (var declaration in declarations)
        {
            foreach (var (account, counter) in declaration.CurrencyOf)
            {
                var other = byName.GetValueOrDefault(account);
                var fits = other is { Kinds.Count: > 0 } && other.Kinds.All(k => counter ? AccountKinds.Of(k).CarriesCounterCurrency : AccountKinds.Of(k).CarriesCurrency);
                if (!fits)
                    problems.Add($"{template}: ${declaration.Name} is in the {(counter ? "counter " : "")}currency of ${account}, which is not an account var whose kinds carry {(counter ? "a counter currency" : "a currency")}");
            }
        }
    }

    private static bool CarriesWalletId(AccountKind kind) => AccountKinds.Of(kind).CarriesWalletId;

    private static TemplateDeclaration Problem(TemplateDeclaration declaration, List<string> problems, string problem)
    {
        problems.Add(problem);
        return declaration;
    }

    [GeneratedRegex(@"^\s*[a-z]+\s+\$(?<var>[a-z_][a-z0-9_]*)\s*//(?<note>[^\r\n]*)$", RegexOptions.Multiline)]
    private static partial Regex Note();

    [GeneratedRegex(@"^same wallet as \$(?<var>[a-z_][a-z0-9_]*)$")]
    private static partial Regex SameWallet();

    [GeneratedRegex(@"^(?<counter>counter )?currency of \$(?<var>[a-z_][a-z0-9_]*)$")]
    private static partial Regex CurrencyOf();
}
