using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace WalletFlow.Numscript.Specs;

/// <summary>
/// Runs spec cases with the upstream meaning of each field: file-level balances, variables and
/// metadata are defaults the case overrides; <c>featureFlags</c> are enabled for the run; each
/// <c>expect.*</c> present is checked (postings in order, tx and account metadata exactly, end
/// balances exactly or as a subset with <c>.include</c>, movements summed per source/destination/asset,
/// and <c>expect.error.missingFunds</c>). A case expecting no error fails on any runtime error.
/// </summary>
public sealed class SpecsRunner
{
    private readonly Dictionary<string, ParsedScript> _scripts = new(StringComparer.Ordinal);

    public SpecCaseResult Run(SpecCase specCase)
    {
        ArgumentNullException.ThrowIfNull(specCase);
        if (specCase.IsSkipped)
            return new SpecCaseResult(specCase, SpecOutcome.Skipped, []);
        if (!_scripts.TryGetValue(specCase.ScriptPath, out var script))
            _scripts[specCase.ScriptPath] = script = ParsedScript.Parse(File.ReadAllText(specCase.ScriptPath));
        if (!script.IsValid)
            return Fail(specCase, "script does not parse: " + string.Join("; ", script.Diagnostics));

        var balances = MergedBalances(specCase);
        var store = new InMemoryAccountStore();
        foreach (var ((account, asset), amount) in balances)
            store.SetBalance(account, asset, amount);
        foreach (var (account, key, value) in MergedMetadata(specCase))
            store.SetMetadata(account, key, value);
        var result = NumscriptInterpreter.Run(script, MergedVariables(specCase), store, specCase.FeatureFlags);

        var failures = new List<string>();
        var testCase = specCase.TestCase;
        var expectsMissingFunds = testCase.TryGetProperty("expect.error.missingFunds", out var mf) && mf.ValueKind == JsonValueKind.True;
        if (expectsMissingFunds)
        {
            if (result.Error is not MissingFundsError)
                failures.Add($"expected a missing funds error, got {(result.Error is null ? "success" : result.Error.ToString())}");
        }
        else if (result.Error is { } error)
        {
            failures.Add($"expected success, got error: {error}");
        }
        if (result.IsSuccess)
            CheckExpectations(testCase, result, balances, failures);
        return failures.Count == 0 ? new SpecCaseResult(specCase, SpecOutcome.Passed, []) : new SpecCaseResult(specCase, SpecOutcome.Failed, failures);
    }

    private static SpecCaseResult Fail(SpecCase specCase, string failure) => new(specCase, SpecOutcome.Failed, [failure]);

    private static void CheckExpectations(
        JsonElement testCase,
        NumscriptResult result,
        Dictionary<(string, string), BigInteger> initial,
        List<string> failures)
    {
        if (testCase.TryGetProperty("expect.postings", out var postings))
        {
            var expected = postings.EnumerateArray().Select(p => FormatMovement(p, "source", "destination")).ToList();
            var actual = result.Postings.Select(FormatPosting).ToList();
            Compare("postings", expected, actual, ordered: true, failures);
        }
        if (testCase.TryGetProperty("expect.txMetadata", out var txMetadata))
        {
            var expected = txMetadata.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}").ToList();
            var actual = result.TransactionMetadata.Select(p => $"{p.Key}={p.Value}").ToList();
            Compare("tx metadata", expected, actual, ordered: false, failures);
        }
        if (testCase.TryGetProperty("expect.metadata", out var accountMetadata))
        {
            var expected = accountMetadata.EnumerateObject()
                .SelectMany(a => a.Value.EnumerateObject().Select(m => $"@{a.Name} {m.Name}={m.Value.GetString()}")).ToList();
            var actual = result.AccountMetadata.SelectMany(a => a.Value.Select(m => $"@{a.Key} {m.Key}={m.Value}")).ToList();
            Compare("account metadata", expected, actual, ordered: false, failures);
        }
        var endBalances = EndBalances(initial, result.Postings);
        if (testCase.TryGetProperty("expect.endBalances", out var end))
            Compare("end balances", BalanceRows(end), endBalances, ordered: false, failures);
        if (testCase.TryGetProperty("expect.endBalances.include", out var include))
        {
            var missing = BalanceRows(include).Except(endBalances, StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
                failures.Add($"end balances: expected to include [{string.Join(", ", missing)}], got [{string.Join(", ", endBalances)}]");
        }
        if (testCase.TryGetProperty("expect.movements", out var movements))
        {
            var expected = movements.EnumerateArray().Select(m => FormatMovement(m, "source", "destination")).ToList();
            var actual = result.Postings
                .GroupBy(p => (p.Source, p.Destination, p.Asset))
                .Select(g => FormatPosting(new Posting(g.Key.Source, g.Key.Destination, g.Aggregate(BigInteger.Zero, (s, p) => s + p.Amount), g.Key.Asset)))
                .ToList();
            Compare("movements", expected, actual, ordered: false, failures);
        }
    }

    private static void Compare(string what, List<string> expected, List<string> actual, bool ordered, List<string> failures)
    {
        var same = ordered
            ? expected.SequenceEqual(actual, StringComparer.Ordinal)
            : expected.Order(StringComparer.Ordinal).SequenceEqual(actual.Order(StringComparer.Ordinal), StringComparer.Ordinal);
        if (!same)
            failures.Add($"{what}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
    }

    private static string FormatPosting(Posting p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Source} -> {p.Destination} {p.Asset} {p.Amount}");

    private static string FormatMovement(JsonElement row, string from, string to) =>
        FormatPosting(new Posting(row.GetProperty(from).GetString()!, row.GetProperty(to).GetString()!, Amount(row), StoreAsset(row)));

    private static List<string> EndBalances(Dictionary<(string, string), BigInteger> initial, IReadOnlyList<Posting> postings)
    {
        var balances = new Dictionary<(string Account, string Asset), BigInteger>(initial);
        foreach (var p in postings)
        {
            balances[(p.Source, p.Asset)] = balances.GetValueOrDefault((p.Source, p.Asset)) - p.Amount;
            balances[(p.Destination, p.Asset)] = balances.GetValueOrDefault((p.Destination, p.Asset)) + p.Amount;
        }
        return [.. balances.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Key.Account} {b.Key.Asset} {b.Value}"))];
    }

    private static List<string> BalanceRows(JsonElement rows) =>
        [.. rows.EnumerateArray().Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.GetProperty("account").GetString()} {StoreAsset(r)} {Amount(r)}"))];

    /// <summary>The store name of a row's asset: a <c>color</c> field is folded in (<c>COIN</c> + RED → <c>COIN_RED</c>).</summary>
    private static string StoreAsset(JsonElement row) =>
        AssetName.Colored(row.GetProperty("asset").GetString()!, row.TryGetProperty("color", out var color) ? color.GetString() : null);

    private static BigInteger Amount(JsonElement row) =>
        BigInteger.Parse(row.GetProperty("amount").GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static IEnumerable<JsonElement> Layers(SpecCase specCase, string property)
    {
        if (specCase.File.TryGetProperty(property, out var fileLevel))
            yield return fileLevel;
        if (specCase.TestCase.TryGetProperty(property, out var caseLevel))
            yield return caseLevel;
    }

    private static Dictionary<(string, string), BigInteger> MergedBalances(SpecCase specCase)
    {
        var balances = new Dictionary<(string, string), BigInteger>();
        foreach (var layer in Layers(specCase, "balances"))
        {
            foreach (var row in layer.EnumerateArray())
                balances[(row.GetProperty("account").GetString()!, StoreAsset(row))] = Amount(row);
        }
        return balances;
    }

    private static Dictionary<string, string> MergedVariables(SpecCase specCase)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var layer in Layers(specCase, "variables"))
        {
            foreach (var variable in layer.EnumerateObject())
                variables[variable.Name] = variable.Value.GetString() ?? "";
        }
        return variables;
    }

    private static List<(string Account, string Key, string Value)> MergedMetadata(SpecCase specCase) =>
        [.. Layers(specCase, "metadata").SelectMany(layer => layer.EnumerateObject()
            .SelectMany(account => account.Value.EnumerateObject().Select(m => (account.Name, m.Name, m.Value.GetString() ?? ""))))];
}
