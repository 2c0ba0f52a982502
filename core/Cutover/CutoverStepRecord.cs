namespace WalletFlow.Core.Cutover;

/// <summary>A recorded transition of a cutover, as the status endpoint lists it.</summary>
public sealed record CutoverStepRecord(string Step, CutoverStatus Status, string? Detail, string? Actor, DateTimeOffset At);
