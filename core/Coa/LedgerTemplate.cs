using System.Globalization;
using System.Text;
using WalletFlow.Core.Seed;
using WalletFlow.Core.Templates;

namespace WalletFlow.Core.Coa;

/// <summary>
/// "Ledger Template.csv": one row per template leg with the GL codes, names and address patterns it
/// debits and credits, for finance. Deterministic: templates in <see cref="TemplateNames.All"/> order,
/// legs ascending, <c>\n</c> line endings, quoting only where CSV needs it.
/// </summary>
public static class LedgerTemplate
{
    /// <summary>The file name under seed/.</summary>
    public const string FileName = "Ledger Template.csv";

    /// <summary>The header row.</summary>
    public static IReadOnlyList<string> Header { get; } =
        ["template", "leg", "description", "debit_gl", "debit_account", "debit_pattern", "credit_gl", "credit_account", "credit_pattern"];

    /// <summary>Renders the file. Every GL code must exist in <paramref name="chart"/> (ingest checks that).</summary>
    public static string Generate(ChartOfAccounts chart, IEnumerable<EventGlEntry> legs)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(legs);
        var order = TemplateNames.All.Select((name, index) => (name, index)).ToDictionary(t => t.name, t => t.index, StringComparer.Ordinal);
        var text = new StringBuilder();
        text.Append(Csv.FormatRecord(Header)).Append('\n');
        foreach (var leg in legs.OrderBy(l => order.TryGetValue(l.Template, out var i) ? i : int.MaxValue).ThenBy(l => l.Template, StringComparer.Ordinal).ThenBy(l => l.Leg))
        {
            var debit = chart.FindByGlCode(leg.DebitGl) ?? throw new ArgumentException($"{leg.Template} leg {leg.Leg}: GL {leg.DebitGl} is not in the chart.", nameof(legs));
            var credit = chart.FindByGlCode(leg.CreditGl) ?? throw new ArgumentException($"{leg.Template} leg {leg.Leg}: GL {leg.CreditGl} is not in the chart.", nameof(legs));
            text.Append(Csv.FormatRecord(
            [
                leg.Template, leg.Leg.ToString(CultureInfo.InvariantCulture), leg.Description,
                debit.GlCode, debit.Name, debit.Pattern.Text,
                credit.GlCode, credit.Name, credit.Pattern.Text,
            ])).Append('\n');
        }
        return text.ToString();
    }
}
