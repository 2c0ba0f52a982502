using WalletFlow.Core.Accounts;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;
using WalletFlow.Numscript;

namespace WalletFlow.Adapters.Templates;

/// <summary>
/// The 18 templates of templates/ as data (design.md §4): each NAME.num and its signature in
/// templates/signatures.csv, embedded in core (<see cref="TemplateSources"/>). Loading checks that every
/// <see cref="TemplateNames"/> constant has exactly one valid template whose vars are its signature's; a
/// bad template is a build defect and throws. <see cref="Fill"/> checks a call's vars against the
/// signature (names, types, account kinds) and renders them to Formance's string form; the script text
/// is the template file, never touched.
/// </summary>
public sealed class NumscriptTemplateCatalog : ITemplateCatalog
{
    private readonly Dictionary<string, NumscriptTemplate> _templates;

    /// <summary>The templates embedded in core.</summary>
    public NumscriptTemplateCatalog()
        : this(TemplateSources.Scripts, TemplateSources.Signatures, new ParsedScriptCache())
    {
    }

    /// <summary>Templates from <paramref name="sources"/> (name → Numscript text) with the signatures in <paramref name="signatures"/> (signatures.csv's text).</summary>
    public NumscriptTemplateCatalog(IReadOnlyDictionary<string, string> sources, string signatures, ParsedScriptCache cache)
    {
        var (templates, problems) = Load(sources, signatures, cache);
        if (problems.Count > 0)
            throw new InvalidOperationException("The Numscript templates are not usable:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        _templates = templates;
        Names = TemplateNames.All;
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The checked template named <paramref name="name"/>.</summary>
    public NumscriptTemplate this[string name] => _templates[name];

    /// <summary>Every reason <paramref name="sources"/> and <paramref name="signatures"/> cannot serve as the catalog; empty when they can.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, string> sources, string signatures) =>
        Load(sources, signatures, new ParsedScriptCache()).Problems;

    public Result<TemplateScript> Fill(TemplateCall request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Template is null || !_templates.TryGetValue(request.Template, out var template))
            return new TemplateMismatch(request.Template ?? "", $"no such template; the templates are {string.Join(", ", Names)}");

        var vars = request.Vars ?? new Dictionary<string, TemplateVar>();
        var problems = new List<string>();
        var rendered = new Dictionary<string, string>(StringComparer.Ordinal);
        var accounts = new Dictionary<string, ClassifiedAccount>(StringComparer.Ordinal);
        foreach (var declared in template.Declarations)
        {
            if (!vars.TryGetValue(declared.Name, out var value) || value is null)
            {
                problems.Add($"missing var ${declared.Name} ({declared.Type})");
                continue;
            }
            var problem = Mismatch(declared, value, accounts);
            if (problem is null)
                rendered[declared.Name] = TemplateVarText.Render(value);
            else
                problems.Add(problem);
        }
        problems.AddRange(CrossVarProblems(template, vars, accounts));
        var declaredNames = template.Declarations.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(vars.Keys.Where(k => !declaredNames.Contains(k)).Order(StringComparer.Ordinal)
            .Select(k => $"unknown var ${k}; the template declares {string.Join(", ", template.Declarations.Select(d => "$" + d.Name))}"));

        return problems.Count == 0
            ? new TemplateScript(template.Name, template.Script.Source, rendered)
            : new TemplateMismatch(template.Name, string.Join("; ", problems));
    }

    private static string? Mismatch(TemplateDeclaration declared, TemplateVar value, Dictionary<string, ClassifiedAccount> accounts)
    {
        var given = TemplateVarText.TypeOf(value);
        if (given != declared.Type)
            return $"var ${declared.Name} is declared {declared.Type} but was given {Article(given)} {given}";
        if (TemplateVarText.Problem(value) is { } problem)
            return $"var ${declared.Name}: {problem}";
        if (value is TemplateVar.Account account)
        {
            var classified = AccountClassifier.Classify(account.Address);
            if (!classified.IsSuccess)
                return $"var ${declared.Name}: {classified.Error.Message}";
            if (!declared.Kinds.Contains(classified.Value.Kind))
                return $"var ${declared.Name} takes {string.Join(" or ", declared.Kinds)} accounts, but {account.Address} is {classified.Value.Kind}";
            accounts[declared.Name] = classified.Value;
        }
        return null;
    }

    // A hold or reserve moves money only to and from its own wallet; an amount moves through a bank,
    // pool, custody or FX position only in that account's currency.
    private static IEnumerable<string> CrossVarProblems(
        NumscriptTemplate template, IReadOnlyDictionary<string, TemplateVar> vars, Dictionary<string, ClassifiedAccount> accounts)
    {
        foreach (var declared in template.Declarations)
        {
            if (declared.SameWalletAs is { } walletVar && accounts.TryGetValue(declared.Name, out var account)
                && accounts.TryGetValue(walletVar, out var wallet) && account.WalletId != wallet.WalletId)
                yield return $"var ${declared.Name} ({account.Address}) must belong to the wallet of ${walletVar} ({wallet.Address})";
            if (vars.GetValueOrDefault(declared.Name) is not TemplateVar.Monetary { Amount: var amount })
                continue;
            foreach (var (accountVar, counter) in declared.CurrencyOf)
            {
                if (!accounts.TryGetValue(accountVar, out var through))
                    continue;
                var currency = counter ? through.CounterCurrency : through.Currency;
                if (currency != amount.Currency)
                    yield return $"var ${declared.Name} is in {amount.Currency.Code}, but ${accountVar} ({through.Address}) holds {(counter ? "as counter currency " : "")}{currency?.Code}";
            }
        }
    }

    private static string Article(string type) => type is NumscriptTypes.Account or NumscriptTypes.Asset ? "an" : "a";

    private static (Dictionary<string, NumscriptTemplate> Templates, IReadOnlyList<string> Problems) Load(
        IReadOnlyDictionary<string, string> sources, string signatures, ParsedScriptCache cache)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(cache);
        var templates = new Dictionary<string, NumscriptTemplate>(StringComparer.Ordinal);
        var problems = new List<string>();
        var signed = TemplateSignatures.Read(signatures, problems);
        foreach (var name in TemplateNames.All)
        {
            if (!sources.TryGetValue(name, out var source))
            {
                problems.Add($"{name}: no template file {name}{TemplateSources.Extension}");
                continue;
            }
            var (template, templateProblems) = NumscriptTemplate.Load(name, source, signed.GetValueOrDefault(name) ?? [], cache);
            problems.AddRange(templateProblems);
            if (template is not null)
                templates[name] = template;
        }
        problems.AddRange(sources.Keys.Where(k => !TemplateNames.All.Contains(k)).Order(StringComparer.Ordinal)
            .Select(k => $"{k}: a template file that no TemplateNames constant names"));
        return (templates, problems);
    }
}
