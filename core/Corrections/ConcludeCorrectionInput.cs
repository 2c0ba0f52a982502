namespace WalletFlow.Core.Corrections;

/// <summary>The conclude step's input.</summary>
/// <param name="CorrectionId">The correction.</param>
/// <param name="DeadlinePassed">The workflow's deadline timer has fired.</param>
public sealed record ConcludeCorrectionInput(string CorrectionId, bool DeadlinePassed);
