namespace WalletFlow.Core.Corrections;

/// <summary>One recorded step of a correction (each with one outbox event).</summary>
/// <param name="Status">The status it moved to.</param>
/// <param name="Actor">Who moved it (the maker, the checker, or <c>workflow</c>).</param>
/// <param name="Detail">A reason, a comment, or the ledger transaction.</param>
/// <param name="At">When.</param>
public sealed record CorrectionTransition(CorrectionStatus Status, string Actor, string? Detail, DateTimeOffset At);
