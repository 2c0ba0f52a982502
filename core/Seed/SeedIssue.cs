namespace WalletFlow.Core.Seed;

/// <summary>One problem found in a seed table, pointing at its line (and at the other line it clashes with, if any).</summary>
/// <param name="Line">1-based line number in the CSV text.</param>
/// <param name="Message">What is wrong, naming the offending value (and both lines for a clash).</param>
/// <param name="OtherLine">For duplicates and overlaps: the earlier line it clashes with.</param>
public sealed record SeedIssue(int Line, string Message, int? OtherLine = null)
{
    /// <inheritdoc />
    public override string ToString() => $"line {Line}: {Message}";
}
