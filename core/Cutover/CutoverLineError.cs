namespace WalletFlow.Core.Cutover;

/// <summary>One problem on one line of a legacy balances file.</summary>
/// <param name="Line">1-based line number (the header is line 1).</param>
/// <param name="Column">The column at fault (<c>wallet_id</c>, <c>balance</c>…), or null for the line as a whole.</param>
/// <param name="Message">What is wrong, for a human.</param>
public sealed record CutoverLineError(int Line, string? Column, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Column is null ? $"line {Line}: {Message}" : $"line {Line}, {Column}: {Message}";
}
