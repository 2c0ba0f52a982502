namespace WalletFlow.Core.Seed;

/// <summary>One problem found in a seed table, pointing at its line.</summary>
/// <param name="Line">1-based line number in the CSV text.</param>
/// <param name="Message">What is wrong, naming the offending value.</param>
public sealed record SeedIssue(int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"line {Line}: {Message}";
}
