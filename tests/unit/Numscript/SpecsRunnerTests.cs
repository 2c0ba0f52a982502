using WalletFlow.Numscript.Specs;

namespace WalletFlow.Tests.Unit.Numscript;

/// <summary>The specs runner must fail a case whose expectation is not met, saying expected vs actual.</summary>
public sealed class SpecsRunnerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("numscript-specs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Unmet_expectations_fail_with_expected_and_actual_and_met_ones_pass()
    {
        File.WriteAllText(Path.Combine(_folder, "pay.num"), "send [COIN 10] (\n  source = @a\n  destination = @b\n)\n");
        File.WriteAllText(Path.Combine(_folder, "pay.num.specs.json"), """
            {
              "balances": [{ "account": "a", "asset": "COIN", "amount": 100 }],
              "testCases": [
                { "it": "pays", "expect.postings": [{ "source": "a", "destination": "b", "asset": "COIN", "amount": 10 }] },
                { "it": "wrong amount", "expect.postings": [{ "source": "a", "destination": "b", "asset": "COIN", "amount": 11 }] },
                { "it": "not missing funds", "expect.error.missingFunds": true },
                { "it": "missing funds", "balances": [{ "account": "a", "asset": "COIN", "amount": 9 }], "expect.error.missingFunds": true },
                { "it": "end balances", "expect.endBalances.include": [{ "account": "b", "asset": "COIN", "amount": 10 }] }
              ]
            }
            """);
        var runner = new SpecsRunner();

        var results = SpecsCatalog.Load(_folder).Select(runner.Run).ToList();

        Assert.Equal(
            [("pays", true), ("wrong amount", false), ("not missing funds", false), ("missing funds", true), ("end balances", true)],
            results.Select(r => (r.Case.It, r.Passed)));
        Assert.Equal(
            "postings: expected [a -> b COIN 11], got [a -> b COIN 10]",
            Assert.Single(results[1].Failures));
        Assert.Equal("pay.num.specs.json :: wrong amount", results[1].Case.Name);
    }
}
