using System.Globalization;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Seed;
using WalletFlow.Core.Templates;

namespace WalletFlow.Core.Coa;

/// <summary>
/// Reads seed/coa.csv and seed/event-gl.csv, reporting every problem with its line number: bad headers
/// and field counts, duplicate GL codes, unknown classes and normal balances, bad pattern syntax,
/// overlapping patterns (both lines), a class or normal balance that is not its account kind's, an
/// account kind no entry covers, unknown templates, duplicate legs and GL codes the COA lacks.
/// Rows with a problem are left out; callers treat any issue as a failed ingest.
/// </summary>
public static class CoaCsv
{
    /// <summary>The seed/coa.csv header.</summary>
    public static IReadOnlyList<string> CoaHeader { get; } = ["gl_code", "name", "class", "normal_balance", "address_pattern", "description"];

    /// <summary>The seed/event-gl.csv header.</summary>
    public static IReadOnlyList<string> EventGlHeader { get; } = ["template", "leg", "description", "debit_gl", "credit_gl"];

    /// <summary>Reads a chart of accounts.</summary>
    public static (ChartOfAccounts Chart, IReadOnlyList<SeedIssue> Issues) ReadChart(string csv)
    {
        var issues = new List<SeedIssue>();
        var entries = new List<(CoaEntry Entry, int Line)>();
        foreach (var record in Rows(csv, CoaHeader, issues))
        {
            var f = record.Fields;
            var (gl, name, classWord, normalWord, patternText, description) = (f[0], f[1], f[2], f[3], f[4], f[5]);
            var problems = new List<string>();
            if (gl.Length == 0 || gl.Any(char.IsWhiteSpace))
                problems.Add($"GL code '{gl}' must be non-empty without spaces");
            if (name.Length == 0)
                problems.Add("name is empty");
            var accountClass = CoaWords.ParseClass(classWord);
            if (accountClass is null)
                problems.Add($"unknown class '{classWord}'; expected one of {string.Join(", ", CoaWords.ClassWords)}");
            var normal = CoaWords.ParseNormalBalance(normalWord);
            if (normal is null)
                problems.Add($"unknown normal balance '{normalWord}'; expected debit or credit");
            if (!AddressPattern.TryParse(patternText, out var pattern, out var patternProblem))
                problems.Add($"bad pattern syntax '{patternText}': {patternProblem}");
            if (problems.Count > 0)
            {
                issues.AddRange(problems.Select(p => new SeedIssue(record.Line, p)));
                continue;
            }

            var duplicate = entries.FirstOrDefault(e => e.Entry.GlCode == gl);
            if (duplicate.Entry is not null)
            {
                issues.Add(new SeedIssue(record.Line, $"duplicate GL code {gl}: line {record.Line} repeats line {duplicate.Line}", duplicate.Line));
                continue;
            }
            // The one account model: an entry covering addresses of an account kind says what AccountKinds says of it.
            foreach (var kind in AccountKinds.All.Where(k => k.Pattern.Overlaps(pattern) && (k.Class, k.NormalSide) != (accountClass!.Value, normal!.Value)))
            {
                issues.Add(new SeedIssue(record.Line,
                    $"pattern '{pattern}' (GL {gl}) covers {kind.Kind} accounts ({kind.Pattern}), which are {CoaWords.Word(kind.Class)} with a {CoaWords.Word(kind.NormalSide)} normal balance (core/Accounts/AccountKinds), not {classWord}/{normalWord}"));
            }
            var overlapping = entries.Where(e => e.Entry.Pattern.Overlaps(pattern)).ToList();
            foreach (var other in overlapping)
            {
                issues.Add(new SeedIssue(record.Line,
                    $"pattern '{pattern}' (GL {gl}) on line {record.Line} overlaps pattern '{other.Entry.Pattern}' (GL {other.Entry.GlCode}) on line {other.Line}: an address could match both",
                    other.Line));
            }
            if (overlapping.Count == 0)
                entries.Add((new CoaEntry(gl, name, accountClass!.Value, normal!.Value, pattern, description), record.Line));
        }
        // Every kind walletflow posts to needs a GL code, or its accounts fail COA coverage as soon as they appear.
        var lastLine = entries.Count == 0 ? 1 : entries.Max(e => e.Line);
        if (issues.Count == 0)
        {
            foreach (var kind in AccountKinds.All.Where(k => !entries.Any(e => e.Entry.Pattern.Overlaps(k.Pattern))))
                issues.Add(new SeedIssue(lastLine, $"no entry covers {kind.Kind} accounts ({kind.Pattern}); every account kind of core/Accounts/AccountKinds needs a GL code"));
        }
        return (new ChartOfAccounts(entries.Select(e => e.Entry)), issues);
    }

    /// <summary>Reads the event→GL map and checks it against <paramref name="chart"/> and <see cref="TemplateNames.All"/>.</summary>
    public static (IReadOnlyList<EventGlEntry> Entries, IReadOnlyList<SeedIssue> Issues) ReadEventGl(string csv, ChartOfAccounts chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var issues = new List<SeedIssue>();
        var entries = new List<(EventGlEntry Entry, int Line)>();
        foreach (var record in Rows(csv, EventGlHeader, issues))
        {
            var f = record.Fields;
            var (template, legText, description, debit, credit) = (f[0], f[1], f[2], f[3], f[4]);
            var problems = new List<string>();
            if (!TemplateNames.All.Contains(template, StringComparer.Ordinal))
                problems.Add($"unknown template '{template}'");
            if (!int.TryParse(legText, NumberStyles.None, CultureInfo.InvariantCulture, out var leg) || leg < 1)
                problems.Add($"leg '{legText}' must be a whole number from 1");
            if (chart.FindByGlCode(debit) is null)
                problems.Add($"debit GL code '{debit}' is not in the chart of accounts");
            if (chart.FindByGlCode(credit) is null)
                problems.Add($"credit GL code '{credit}' is not in the chart of accounts");
            if (problems.Count > 0)
            {
                issues.AddRange(problems.Select(p => new SeedIssue(record.Line, p)));
                continue;
            }
            var duplicate = entries.FirstOrDefault(e => e.Entry.Template == template && e.Entry.Leg == leg);
            if (duplicate.Entry is not null)
            {
                issues.Add(new SeedIssue(record.Line, $"{template} leg {leg} on line {record.Line} repeats line {duplicate.Line}", duplicate.Line));
                continue;
            }
            entries.Add((new EventGlEntry(template, leg, description, debit, credit), record.Line));
        }
        var lastLine = entries.Count == 0 ? 1 : entries.Max(e => e.Line);
        foreach (var missing in TemplateNames.All.Where(t => entries.All(e => e.Entry.Template != t)))
            issues.Add(new SeedIssue(lastLine, $"template '{missing}' has no legs"));
        return ([.. entries.Select(e => e.Entry)], issues);
    }

    private static IEnumerable<CsvRecord> Rows(string csv, IReadOnlyList<string> header, List<SeedIssue> issues)
    {
        var records = Csv.Read(csv ?? "");
        if (records.Count == 0 || !records[0].Fields.SequenceEqual(header, StringComparer.Ordinal))
        {
            issues.Add(new SeedIssue(records.Count == 0 ? 1 : records[0].Line, $"header must be '{string.Join(',', header)}'"));
            yield break;
        }
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count == header.Count)
                yield return record;
            else
                issues.Add(new SeedIssue(record.Line, $"expected {header.Count} fields, found {record.Fields.Count}"));
        }
    }
}
