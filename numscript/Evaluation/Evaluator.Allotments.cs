using System.Numerics;

namespace WalletFlow.Numscript;

/// <summary>Splitting an amount by portions, exactly as upstream does.</summary>
internal sealed partial class Evaluator
{
    /// <summary>
    /// Each clause gets floor(portion × amount); <c>remaining</c> gets 1 − the sum of the others. The
    /// units lost to flooring are then handed out one each to the clauses in order, from the first,
    /// so the parts always sum to the amount.
    /// </summary>
    private Portion[] ResolvePortions(List<(Expr? Portion, SourcePosition Position)> clauses, SourcePosition position)
    {
        var portions = new Portion[clauses.Count];
        var total = Portion.Zero;
        var remainingIndex = -1;
        for (var i = 0; i < clauses.Count; i++)
        {
            if (clauses[i].Portion is not { } expr)
            {
                if (remainingIndex >= 0)
                    throw Fail(RuntimeErrorKind.InvalidAllotment, "an allotment can have only one 'remaining' clause", clauses[i].Position);
                remainingIndex = i;
                continue;
            }
            var portion = EvaluateAs<PortionValue>(expr).Portion;
            if (portion.Numerator.Sign < 0 || portion.CompareTo(Portion.One) > 0)
                throw Fail(RuntimeErrorKind.InvalidAllotment, $"portion {portion} is not between 0 and 1", expr.Position);
            portions[i] = portion;
            total += portion;
        }
        if (total.CompareTo(Portion.One) > 0)
            throw Fail(RuntimeErrorKind.InvalidAllotment, $"the portions add up to {total}, more than 100%", position);
        if (remainingIndex >= 0)
            portions[remainingIndex] = Portion.One - total;
        else if (total.CompareTo(Portion.One) != 0)
            throw Fail(RuntimeErrorKind.InvalidAllotment, $"the portions add up to {total}, not 100%, and there is no 'remaining' clause", position);
        return portions;
    }

    private BigInteger[] Allot(BigInteger amount, List<(Expr? Portion, SourcePosition Position)> clauses, SourcePosition position)
    {
        var portions = ResolvePortions(clauses, position);
        var parts = new BigInteger[portions.Length];
        var allocated = BigInteger.Zero;
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = portions[i].FloorOf(amount);
            allocated += parts[i];
        }
        for (var i = 0; i < parts.Length && allocated < amount; i++)
        {
            parts[i]++;
            allocated++;
        }
        return parts;
    }
}
