using System.Numerics;
using CsCheck;
using WalletFlow.Numscript;

namespace WalletFlow.Tests.Unit.Numscript;

/// <summary>
/// Random scripts built from the grammar's sources and destinations, nested up to the limit, run
/// against random balances: the interpreter answers postings or a typed runtime error, never an
/// exception (which the ledger API would turn into a 500), and never posts more than was sent.
/// CsCheck prints the seed of a failing case.
/// </summary>
public sealed class RandomScriptRunTests
{
    private static readonly Gen<string> Cap = Gen.Int[0, 300].Select(n => $"[USD/2 {n}]");

    private static readonly Gen<string> Portion = Gen.OneOfConst("1/2", "1/3", "2/3", "25%", "12.5%", "0%", "100%", "7/9");

    private static readonly Gen<string> LeafSource = Gen.OneOf(
        Gen.OneOfConst("@a", "@b", "@c", "@world", "@b allowing unbounded overdraft"),
        Cap.Select(cap => $"@a allowing overdraft up to {cap}"));

    private static readonly Gen<string> LeafDestination = Gen.OneOfConst("@x", "@y", "@a", "@world");

    private static Gen<string> Sources(int depth)
    {
        var level = LeafSource;
        for (var i = 0; i < depth; i++)
        {
            var inner = level;
            level = Gen.Frequency(
                (2, LeafSource),
                (1, Gen.Select(inner, inner, (x, y) => $"{{ {x} {y} }}")),
                (1, Gen.Select(Cap, inner, (cap, s) => $"max {cap} from {s}")),
                (1, Gen.Select(inner, inner, (x, y) => $"oneof {{ {x} {y} }}")),
                (1, Gen.Select(Portion, inner, inner, (p, x, y) => $"{{ {p} from {x} remaining from {y} }}")));
        }
        return level;
    }

    private static Gen<string> Destinations(int depth)
    {
        var level = LeafDestination;
        for (var i = 0; i < depth; i++)
        {
            var inner = level;
            level = Gen.Frequency(
                (2, LeafDestination),
                (1, Gen.Select(Portion, inner, inner, (p, x, y) => $"{{ {p} to {x} remaining to {y} }}")),
                (1, Gen.Select(Portion, inner, (p, x) => $"{{ {p} to {x} remaining kept }}")),
                (1, Gen.Select(Cap, inner, inner, (cap, x, y) => $"{{ max {cap} to {x} remaining to {y} }}")),
                (1, Gen.Select(Cap, inner, inner, (cap, x, y) => $"oneof {{ max {cap} to {x} remaining to {y} }}")));
        }
        return level;
    }

    [Fact]
    public void Random_sends_post_at_most_what_was_sent_or_fail_with_a_typed_error()
    {
        var sent = Gen.Frequency((3, Gen.Int[0, 500].Select(n => $"[USD/2 {n}]")), (1, Gen.Const("[USD/2 *]")));
        var balances = Gen.Int[-50, 400].Array[3];
        var posted = 0;
        Gen.Select(sent, Sources(4), Destinations(4), balances).Sample((amount, source, destination, balance) =>
        {
            var script = $"send {amount} (\n  source = {source}\n  destination = {destination}\n)";
            var parsed = ParsedScript.Parse(script);
            if (!parsed.IsValid)
                return; // some combinations are not valid Numscript (send-all from an unbounded overdraft, say)
            var store = new InMemoryAccountStore()
                .SetBalance("a", "USD/2", balance[0]).SetBalance("b", "USD/2", balance[1]).SetBalance("c", "USD/2", balance[2]);

            var result = NumscriptInterpreter.Run(parsed, new Dictionary<string, string>(), store);

            if (result.Error is not null)
                return;
            Interlocked.Increment(ref posted);
            Assert.All(result.Postings, p => Assert.True(p.Amount > 0, script));
            if (amount != "[USD/2 *]")
            {
                var total = result.Postings.Aggregate(BigInteger.Zero, (sum, p) => sum + p.Amount);
                Assert.True(total <= BigInteger.Parse(amount[7..^1], System.Globalization.CultureInfo.InvariantCulture), script);
            }
        }, iter: 5_000);

        // The generator reaches runs that post, not only refusals.
        Assert.True(posted > 500, $"only {posted} of 5,000 random sends ran to postings");
    }
}
