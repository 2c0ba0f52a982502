using System.Collections.Frozen;
using WalletFlow.Core.Results;
using WalletFlow.Core.Seed;

namespace WalletFlow.Core.Monetary;

/// <summary>
/// The currency table. <see cref="Default"/> is seed/currencies.csv as embedded in this assembly;
/// <see cref="Parse(string)"/> reads any text in the same format (<c>code,numeric,minor_units,name,kind</c>).
/// </summary>
public sealed class CurrencyCatalog
{
    private static readonly string[] Header = ["code", "numeric", "minor_units", "name", "kind"];
    private static readonly string[] Kinds = ["iso4217", "iso4217-fund", "digital"];
    private static readonly Lazy<CurrencyCatalog> LazyDefault = new(LoadDefault);

    private readonly FrozenDictionary<string, Currency> _byCode;

    private CurrencyCatalog(IEnumerable<Currency> currencies)
    {
        _byCode = currencies.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);
        All = [.. _byCode.Values.OrderBy(c => c.Code, StringComparer.Ordinal)];
    }

    /// <summary>The embedded seed table. A broken seed is a build defect, so it throws.</summary>
    public static CurrencyCatalog Default => LazyDefault.Value;

    /// <summary>Every currency, ordered by code.</summary>
    public IReadOnlyList<Currency> All { get; }

    /// <summary>The currency for an exact upper-case code, or <see cref="UnknownCurrency"/>.</summary>
    public Result<Currency> Find(string code) =>
        code is not null && _byCode.TryGetValue(code, out var currency)
            ? currency
            : new UnknownCurrency(code ?? "");

    /// <summary>The currency for a code that must exist (a constant in code); throws otherwise.</summary>
    public Currency Require(string code) =>
        _byCode.TryGetValue(code, out var currency)
            ? currency
            : throw new InvalidOperationException(new UnknownCurrency(code).Message);

    /// <summary>Reads a currency table; every bad line is reported and left out.</summary>
    public static (CurrencyCatalog Catalog, IReadOnlyList<SeedIssue> Issues) Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Reads a currency table; every bad line is reported and left out.</summary>
    public static (CurrencyCatalog Catalog, IReadOnlyList<SeedIssue> Issues) Parse(string csv)
    {
        var records = Csv.Read(csv);
        var issues = new List<SeedIssue>();
        var currencies = new Dictionary<string, (Currency Currency, int Line)>(StringComparer.Ordinal);
        if (records.Count == 0 || !records[0].Fields.SequenceEqual(Header, StringComparer.Ordinal))
        {
            issues.Add(new SeedIssue(records.Count == 0 ? 1 : records[0].Line, $"header must be '{string.Join(',', Header)}'"));
            return (new CurrencyCatalog([]), issues);
        }
        foreach (var record in records.Skip(1))
        {
            var f = record.Fields;
            if (f.Count != Header.Length)
            {
                issues.Add(new SeedIssue(record.Line, $"expected {Header.Length} fields, found {f.Count}"));
                continue;
            }
            var (code, numeric, minor, name, kind) = (f[0], f[1], f[2], f[3], f[4]);
            if (!Currency.IsWellFormedCode(code))
                issues.Add(new SeedIssue(record.Line, $"'{code}' is not a currency code"));
            else if (!int.TryParse(minor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var scale) || scale > Currency.MaxScale)
                issues.Add(new SeedIssue(record.Line, $"minor units '{minor}' of {code} is not a whole number from 0 to {Currency.MaxScale}"));
            else if (!Kinds.Contains(kind, StringComparer.Ordinal))
                issues.Add(new SeedIssue(record.Line, $"kind '{kind}' of {code} is not one of {string.Join(", ", Kinds)}"));
            else if (kind == "digital" ? numeric.Length != 0 : numeric.Length != 3 || !numeric.All(char.IsAsciiDigit))
                issues.Add(new SeedIssue(record.Line, $"numeric code '{numeric}' of {code} must be three digits for ISO 4217 and empty for digital assets"));
            else if (currencies.TryGetValue(code, out var earlier))
                issues.Add(new SeedIssue(record.Line, $"{code} is already defined on line {earlier.Line}"));
            else
                currencies[code] = (new Currency(code, scale, numeric.Length == 0 ? null : numeric, name), record.Line);
        }
        return (new CurrencyCatalog(currencies.Values.Select(v => v.Currency)), issues);
    }

    private static CurrencyCatalog LoadDefault()
    {
        var (catalog, issues) = Parse(SeedTables.Currencies);
        return issues.Count == 0
            ? catalog
            : throw new InvalidOperationException($"seed/currencies.csv is invalid: {string.Join("; ", issues)}");
    }
}
