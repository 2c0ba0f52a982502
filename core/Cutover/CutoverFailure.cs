namespace WalletFlow.Core.Cutover;

/// <summary>The failing step of a cutover and why (what <see cref="FailCutover"/> records).</summary>
public sealed record CutoverFailure(string CutoverId, string Step, string Detail);
