using WalletFlow.Core.Accounts;
using WalletFlow.Core.Coa;
using WalletFlow.Numscript;

namespace WalletFlow.Adapters.Templates;

/// <summary>
/// A template read and checked: parsed and type-checked by the interpreter, its vars compared with its
/// signature in templates/signatures.csv (<see cref="TemplateSignatures"/>: names, types, account kinds),
/// and the money rules of design.md §3 checked on the parsed script's <see cref="ScriptOutline"/>: no
/// <c>@world</c>, an overdraft only on accounts whose kinds may go negative, revenue never a source, no
/// experimental features, the template's name in its transaction metadata.
/// </summary>
public sealed class NumscriptTemplate
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
    public static (NumscriptTemplate? Template, IReadOnlyList<string> Problems) Load(
        string name, string source, IReadOnlyList<TemplateDeclaration> signature, ParsedScriptCache cache)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(cache);
        var script = cache.GetOrParse(source);
        if (!script.IsValid)
            return (null, script.Diagnostics.Select(d => $"{name}: {d}").ToList());

        var problems = new List<string>(SignatureProblems(name, script, signature));
        if (script.DeclaredFeatureFlags.Count > 0)
            problems.Add($"{name}: needs experimental features ({string.Join(", ", script.DeclaredFeatureFlags)}), which Formance in production may not enable");
        problems.AddRange(MoneyRuleProblems(name, script.Outline, signature.ToDictionary(d => d.Name, StringComparer.Ordinal)));
        return problems.Count == 0 ? (new NumscriptTemplate(name, script, signature), problems) : (null, problems);
    }

    // The script's vars are the signature's: the same names with the same types.
    private static IEnumerable<string> SignatureProblems(string name, ParsedScript script, IReadOnlyList<TemplateDeclaration> signature)
    {
        var declared = signature.ToDictionary(d => d.Name, d => d.Type, StringComparer.Ordinal);
        foreach (var (variable, type) in script.Variables)
        {
            if (!declared.TryGetValue(variable, out var signed))
                yield return $"{name}: the script declares {type} ${variable}, which {TemplateSignatures.FileName} does not";
            else if (signed != type)
                yield return $"{name}: the script declares ${variable} {type}, {TemplateSignatures.FileName} says {signed}";
        }
        var scripted = script.Variables.Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in signature.Where(d => !scripted.Contains(d.Name)))
            yield return $"{name}: {TemplateSignatures.FileName} declares {missing.Type} ${missing.Name}, which the script does not";
    }

    private static IEnumerable<string> MoneyRuleProblems(string name, ScriptOutline outline, Dictionary<string, TemplateDeclaration> vars)
    {
        foreach (var use in outline.Accounts)
        {
            if (use.Literal is { } literal && literal.Split(':')[0] == AddressSegments.World)
                yield return $"{name}: uses @world at {use.Position}, which walletflow templates never do (design.md §3)";
            var kinds = KindsOf(use, vars);
            if (use.Role == AccountRole.Source && use.Overdraft != Overdraft.None)
            {
                if (kinds is null)
                    yield return $"{name}: {use} may be overdrawn but is neither an account var with kinds nor an address of an account kind";
                else if (kinds.Where(k => !AccountKinds.Of(k).MayGoNegative).ToList() is { Count: > 0 } forbidden)
                    yield return $"{name}: {use} may be overdrawn but {(use.Variable is null ? "is" : "accepts")} {string.Join(", ", forbidden)}, which may never go negative";
            }
            if (use.Role == AccountRole.Source && kinds?.Any(k => AccountKinds.Of(k).Class == AccountClass.Revenue) == true)
                yield return $"{name}: revenue is a source ({use} at {use.Position}); revenue never sends";
        }
        var template = outline.Calls.Any(c => c.Name == "set_tx_meta" && c.Arguments is [{ Text: "template" }, { Text: var named }] && named == name);
        if (!template)
            yield return $"{name}: does not set_tx_meta(\"template\", \"{name}\")";
    }

    // The kinds an account use may be: a var's declared kinds, or the one kind of a literal address; null when neither is known.
    private static IReadOnlyCollection<AccountKind>? KindsOf(AccountUse use, Dictionary<string, TemplateDeclaration> vars)
    {
        if (use.Variable is { } variable)
            return vars.GetValueOrDefault(variable) is { Kinds.Count: > 0 } declared ? declared.Kinds : null;
        return use.Literal is { } literal && AccountClassifier.Classify(literal) is { IsSuccess: true } classified ? [classified.Value.Kind] : null;
    }
}
