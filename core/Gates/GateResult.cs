namespace WalletFlow.Core.Gates;

/// <summary>One gate's verdict.</summary>
/// <param name="Gate">A name from <see cref="GateNames"/>.</param>
/// <param name="Passed">True when nothing is out of line.</param>
/// <param name="Details">One line per offending account or row, naming it; empty when passed.</param>
public sealed record GateResult(string Gate, bool Passed, IReadOnlyList<string> Details)
{
    /// <summary>Passed when <paramref name="details"/> is empty.</summary>
    public static GateResult From(string gate, IReadOnlyList<string> details) => new(gate, details.Count == 0, details);
}
