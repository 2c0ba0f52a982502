namespace WalletFlow.Core.Corrections;

/// <summary>What the conclude step left: the correction's status, and whether the workflow must keep waiting for a decision.</summary>
/// <param name="Status">The status now.</param>
/// <param name="KeepWaiting">Still pending and not yet expired (the workflow was woken early).</param>
public sealed record CorrectionConclusion(CorrectionStatus Status, bool KeepWaiting);
