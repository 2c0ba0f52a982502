using System.Globalization;
using System.Text.RegularExpressions;

namespace WalletFlow.Tests.Integration.Telemetry;

/// <summary>A /metrics answer in Prometheus text format: each sample by name and labels.</summary>
public sealed class PrometheusScrape
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    public string Text { get; private init; } = "";

    /// <summary>Every metric name a sample carries (histograms' <c>_bucket</c>, <c>_sum</c> and <c>_count</c> each).</summary>
    public IReadOnlySet<string> Names => _samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    public static PrometheusScrape Parse(string text)
    {
        var scrape = new PrometheusScrape { Text = text };
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.LastIndexOf(' ');
            var name = brace >= 0 && brace < space ? line[..brace] : line[..line.IndexOf(' ', StringComparison.Ordinal)];
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (brace >= 0 && brace < space)
            {
                var body = line[(brace + 1)..line.LastIndexOf('}')];
                foreach (Match m in Regex.Matches(body, "([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\""))
                    labels[m.Groups[1].Value] = m.Groups[2].Value;
            }
            var value = line[(space + 1)..];
            scrape._samples.Add((name, labels, value switch
            {
                "+Inf" => double.PositiveInfinity,
                "NaN" => double.NaN,
                _ => double.Parse(value, CultureInfo.InvariantCulture),
            }));
        }
        return scrape;
    }

    /// <summary>
    /// The value of the one sample named <paramref name="name"/> whose labels are exactly <paramref name="labels"/>
    /// (besides the scope's <c>otel_scope_*</c>); null when there is none.
    /// </summary>
    public double? Value(string name, params (string Label, string Value)[] labels)
    {
        var matches = _samples.Where(s => s.Name == name
            && s.Labels.Keys.Count(k => !k.StartsWith("otel_scope_", StringComparison.Ordinal)) == labels.Length
            && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value)).ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0].Value,
            _ => throw new InvalidOperationException($"{matches.Count} samples of {name} with labels {string.Join(", ", labels)}"),
        };
    }

    /// <summary>Every sample of <paramref name="name"/>, with its labels.</summary>
    public IEnumerable<(IReadOnlyDictionary<string, string> Labels, double Value)> Samples(string name) =>
        _samples.Where(s => s.Name == name).Select(s => ((IReadOnlyDictionary<string, string>)s.Labels, s.Value));
}
