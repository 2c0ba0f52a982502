using WalletFlow.Numscript.Specs;

namespace WalletFlow.Tests.Unit.Numscript;

/// <summary>
/// walletflow's own cases, in upstream's specs format, for behaviour of formancehq/numscript the
/// public corpus leaves open (tests/unit/Numscript/Cases, see its README). One test per case, named
/// "file :: it"; the same files run with <c>walletflow numscript test tests/unit/Numscript/Cases</c>.
/// </summary>
public sealed class FidelityCasesTests
{
    private static readonly string CasesPath = RepositoryPaths.Combine("tests", "unit", "Numscript", "Cases");

    private static readonly Lazy<Dictionary<string, SpecCase>> All = new(() =>
        SpecsCatalog.Load(CasesPath).ToDictionary(c => c.Name, StringComparer.Ordinal));

    public static IEnumerable<TheoryDataRow<string>> Cases =>
        All.Value.Keys.Select(name => new TheoryDataRow<string>(name) { TestDisplayName = "Numscript fidelity: " + name });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fidelity_case_passes(string name)
    {
        var result = new SpecsRunner().Run(All.Value[name]);

        Assert.True(result.Passed, string.Join(Environment.NewLine, result.Failures));
    }

    [Fact]
    public void Both_features_have_cases()
    {
        Assert.Contains(All.Value.Values, c => c.DisplayPath.StartsWith("save/", StringComparison.Ordinal));
        Assert.Contains(All.Value.Values, c => c.DisplayPath.StartsWith("asset-scaling/", StringComparison.Ordinal));
    }
}
