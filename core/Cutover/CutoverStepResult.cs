namespace WalletFlow.Core.Cutover;

/// <summary>A workflow step's answer: passed or not, and why.</summary>
public sealed record CutoverStepResult(bool Passed, string Detail);
