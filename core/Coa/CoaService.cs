using WalletFlow.Core.Accounts;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Seed;

namespace WalletFlow.Core.Coa;

/// <summary>
/// The chart-of-accounts use cases: ingest (validated CSV), "Ledger Template.csv" generation, and drift
/// detection — ledger addresses against the chart, and the chart in the database against the seed.
/// </summary>
public sealed class CoaService(ICoaCatalog catalog)
{
    /// <summary>Reads and validates a chart and its event→GL map; any issue means the ingest failed.</summary>
    public static CoaIngest Ingest(string coaCsv, string eventGlCsv)
    {
        var (chart, coaIssues) = CoaCsv.ReadChart(coaCsv);
        var (legs, legIssues) = CoaCsv.ReadEventGl(eventGlCsv, chart);
        var issues = coaIssues.Select(i => i with { Message = $"coa.csv: {i.Message}" })
            .Concat(legIssues.Select(i => i with { Message = $"event-gl.csv: {i.Message}" }));
        return new CoaIngest(chart, legs, [.. issues]);
    }

    /// <summary>The seed tables embedded in core. A broken seed is a build defect and throws.</summary>
    public static CoaIngest LoadSeed()
    {
        var ingest = Ingest(SeedTables.ChartOfAccounts, SeedTables.EventGl);
        return ingest.IsValid
            ? ingest
            : throw new InvalidOperationException($"The seed chart of accounts is invalid: {string.Join("; ", ingest.Issues)}");
    }

    /// <summary>"Ledger Template.csv" for the seed tables.</summary>
    public static string GenerateLedgerTemplate()
    {
        var seed = LoadSeed();
        return LedgerTemplate.Generate(seed.Chart, seed.EventGl);
    }

    /// <summary>Checks ledger addresses against a chart: each must be a known kind and match exactly one entry.</summary>
    public static AddressDrift DetectAddressDrift(ChartOfAccounts chart, IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(addresses);
        var unmapped = new List<UnmappedAddress>();
        var ambiguous = new List<AmbiguousAddress>();
        var invalid = new List<InvalidAddress>();
        foreach (var address in addresses.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var kind = AccountClassifier.Classify(address);
            if (!kind.IsSuccess && kind.Error is InvalidAddress bad)
                invalid.Add(bad);
            var parsed = AccountAddress.Parse(address);
            if (!parsed.IsSuccess)
                continue;
            switch (chart.Resolve(parsed.Value).Error)
            {
                case UnmappedAddress u: unmapped.Add(u); break;
                case AmbiguousAddress a: ambiguous.Add(a); break;
            }
        }
        return new AddressDrift(unmapped, ambiguous, invalid);
    }

    /// <summary>Compares a chart (as stored in the database) with the seed chart, GL code by GL code.</summary>
    public static CoaVersionDrift CompareWithSeed(IEnumerable<CoaEntry> database, ChartOfAccounts seed)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(seed);
        var stored = database.ToDictionary(e => e.GlCode, StringComparer.Ordinal);
        var seeded = seed.Entries.ToDictionary(e => e.GlCode, StringComparer.Ordinal);
        var changes = new List<CoaChange>();
        foreach (var (gl, s) in seeded.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!stored.TryGetValue(gl, out var d))
                continue;
            void Compare(string field, string seedValue, string dbValue)
            {
                if (!string.Equals(seedValue, dbValue, StringComparison.Ordinal))
                    changes.Add(new CoaChange(gl, field, seedValue, dbValue));
            }
            Compare("name", s.Name, d.Name);
            Compare("class", CoaWords.Word(s.Class), CoaWords.Word(d.Class));
            Compare("normal_balance", CoaWords.Word(s.NormalBalance), CoaWords.Word(d.NormalBalance));
            Compare("address_pattern", s.Pattern.Text, d.Pattern.Text);
            Compare("description", s.Description, d.Description);
        }
        return new CoaVersionDrift(
            [.. seeded.Keys.Except(stored.Keys).Order(StringComparer.Ordinal)],
            [.. stored.Keys.Except(seeded.Keys).Order(StringComparer.Ordinal)],
            changes);
    }

    /// <summary>Compares the chart currently published in the database with the seed; null when none is published yet.</summary>
    public async Task<CoaVersionDrift?> CompareDatabaseWithSeedAsync(CancellationToken cancellationToken)
    {
        var current = await catalog.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        return current is null ? null : CompareWithSeed(current.Chart.Entries, LoadSeed().Chart);
    }
}
