using System.Text.RegularExpressions;
using WalletFlow.Core.Accounts;
using WalletFlow.Numscript;

namespace WalletFlow.Adapters.Templates;

/// <summary>
/// A template file read and checked: parsed and type-checked by the interpreter, the notes on its
/// declarations read (<see cref="DeclarationNotes"/>: account kinds, same wallet, currency of), and
/// the money rules of design.md §3 checked on the text (no <c>@world</c>, overdraft only for kinds
/// that may go negative, revenue never a source, no experimental features, the template's name in
/// its transaction metadata).
/// </summary>
public sealed partial class NumscriptTemplate
{
    private NumscriptTemplate(string name, ParsedScript script, IReadOnlyList<TemplateDeclaration> declarations)
    {
        Name = name;
        Script = script;
        Declarations = declarations;
    }

    public string Name { get; }

    public ParsedScript Script { get; }

    /// <summary>The declared vars in declaration order.</summary>
    public IReadOnlyList<TemplateDeclaration> Declarations { get; }

    /// <summary>The checked template, or the problems that make it unusable (none when it is returned).</summary>
    public static (NumscriptTemplate? Template, IReadOnlyList<string> Problems) Load(string name, string source, ParsedScriptCache cache)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(cache);
        var script = cache.GetOrParse(source);
        if (!script.IsValid)
            return (null, script.Diagnostics.Select(d => $"{name}: {d}").ToList());

        var problems = new List<string>();
        var declarations = DeclarationNotes.Read(name, source, script, problems);
        if (script.DeclaredFeatureFlags.Count > 0)
            problems.Add($"{name}: needs experimental features ({string.Join(", ", script.DeclaredFeatureFlags)}), which Formance in production may not enable");

        var byName = declarations.ToDictionary(d => d.Name, StringComparer.Ordinal);
        problems.AddRange(MoneyRuleProblems(name, source, byName));
        return problems.Count == 0 ? (new NumscriptTemplate(name, script, declarations), problems) : (null, problems);
    }

    private static IEnumerable<string> MoneyRuleProblems(string name, string source, Dictionary<string, TemplateDeclaration> vars)
    {
        var code = LineComment().Replace(source, "");
        if (World().IsMatch(code))
            yield return $"{name}: uses @world, which walletflow templates never do (design.md §3)";
        foreach (Match clause in Overdraft().Matches(code))
        {
            var account = clause.Groups["account"].Value;
            if (account.StartsWith('$'))
            {
                var declared = vars.GetValueOrDefault(account[1..]);
                var forbidden = declared?.Kinds.Where(k => !AccountKinds.Of(k).MayGoNegative).ToList() ?? [];
                if (declared is null || declared.Kinds.Count == 0)
                    yield return $"{name}: {account} may be overdrawn but is not an account var with kinds";
                else if (forbidden.Count > 0)
                    yield return $"{name}: {account} may be overdrawn but accepts {string.Join(", ", forbidden)}, which may never go negative";
            }
            else
            {
                var classified = AccountClassifier.Classify(account[1..]);
                if (!classified.IsSuccess || !AccountKinds.Of(classified.Value.Kind).MayGoNegative)
                    yield return $"{name}: {account} may be overdrawn but is not an account kind that may go negative";
            }
        }
        if (RevenueSource().IsMatch(code))
            yield return $"{name}: revenue is a source; revenue never sends";
        if (!code.Contains($"set_tx_meta(\"template\", \"{name}\")", StringComparison.Ordinal))
            yield return $"{name}: does not set_tx_meta(\"template\", \"{name}\")";
    }

    [GeneratedRegex(@"//[^\r\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"@world\b")]
    private static partial Regex World();

    [GeneratedRegex(@"(?<account>[$@][A-Za-z0-9_:-]+)\s+allowing\s+(unbounded\s+)?overdraft")]
    private static partial Regex Overdraft();

    [GeneratedRegex(@"source\s*=\s*\{?\s*@revenue\b")]
    private static partial Regex RevenueSource();
}
