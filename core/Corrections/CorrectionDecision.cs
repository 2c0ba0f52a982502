namespace WalletFlow.Core.Corrections;

/// <summary>A checker's recorded decision, as the workflow's event carries it (the corrections row is what counts).</summary>
/// <param name="Approved">Approve or reject.</param>
/// <param name="Actor">The checker.</param>
public sealed record CorrectionDecision(bool Approved, string Actor);
