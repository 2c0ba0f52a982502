namespace WalletFlow.Core.Cutover;

/// <summary>What a batch did with one row: done (with the command that did it, none for a zero balance or nothing to reverse) or failed.</summary>
/// <param name="Line">The row's line.</param>
/// <param name="CommandId">The movement's command; null when nothing needed posting.</param>
/// <param name="Failure">Why the row failed; null when it is done.</param>
public sealed record CutoverRowOutcome(int Line, string? CommandId, string? Failure)
{
    /// <summary>True when the row is done.</summary>
    public bool Succeeded => Failure is null;
}
