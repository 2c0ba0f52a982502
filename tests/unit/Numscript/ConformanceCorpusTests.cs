using WalletFlow.Numscript.Specs;

namespace WalletFlow.Tests.Unit.Numscript;

/// <summary>
/// The public Numscript conformance corpus (upstream specs format), one test per case, named after
/// the specs file and its <c>it</c>. Found at NUMSCRIPT_CORPUS or ../shared/conformance/numscript.
/// </summary>
public sealed class ConformanceCorpusTests
{
    private const string CorpusMissing = "(corpus not found)";

    /// <summary>
    /// Cases deliberately left out of the data set, each with the feature it needs. Empty: every case
    /// of the corpus runs. Never fake a pass by listing a case here without reporting it.
    /// </summary>
    private static readonly (string File, string It, string Feature)[] NotSupported = [];

    private static readonly Lazy<Dictionary<string, SpecCase>> Corpus = new(LoadCorpus);

    private static string? CorpusPath
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("NUMSCRIPT_CORPUS");
            if (!string.IsNullOrEmpty(configured))
                return Directory.Exists(configured) ? configured : null;
            var shared = RepositoryPaths.Shared;
            var path = shared is null ? null : Path.Combine(shared, "conformance", "numscript");
            return path is not null && Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>One row per case; the row's display name is "file :: it" in full (the id stays serializable).</summary>
    public static IEnumerable<TheoryDataRow<string>> Cases
    {
        get
        {
            if (CorpusPath is null)
                return [new TheoryDataRow<string>(CorpusMissing) { TestDisplayName = "Numscript corpus " + CorpusMissing }];
            return Corpus.Value.Keys.Select(name => new TheoryDataRow<string>(name) { TestDisplayName = "Numscript corpus: " + name });
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Corpus_case_passes(string name)
    {
        if (name == CorpusMissing)
            Assert.Skip("Numscript conformance corpus not found: set NUMSCRIPT_CORPUS or check out ../shared/conformance/numscript beside the repository.");

        var result = new SpecsRunner().Run(Corpus.Value[name]);

        Assert.True(result.Passed, string.Join(Environment.NewLine, result.Failures));
    }

    [Fact]
    public void Every_left_out_case_exists_in_the_corpus()
    {
        var path = CorpusPath;
        if (path is null)
        {
            Assert.Skip("Numscript conformance corpus not found.");
            return;
        }

        var all = SpecsCatalog.Load(path);

        Assert.All(NotSupported, left => Assert.Contains(all, c => c.DisplayPath == left.File && c.It == left.It));
    }

    private static Dictionary<string, SpecCase> LoadCorpus()
    {
        if (CorpusPath is not { } path)
            return [];
        return SpecsCatalog.Load(path)
            .Where(c => !NotSupported.Any(n => n.File == c.DisplayPath && n.It == c.It))
            .ToDictionary(c => c.Name, StringComparer.Ordinal);
    }
}
