namespace WalletFlow.Core.Reserves;

/// <summary>The outcome of one tranche's release step.</summary>
/// <param name="TrancheId">The tranche.</param>
/// <param name="Outcome">Released now, released before, or refused.</param>
/// <param name="CommandId">The releasing command (this step's, or the earlier one's), when released.</param>
/// <param name="Detail">Why it was refused, or null.</param>
public sealed record TrancheRelease(string TrancheId, TrancheReleaseOutcome Outcome, string? CommandId = null, string? Detail = null);
