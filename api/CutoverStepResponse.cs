namespace WalletFlow.Api;

/// <summary>A recorded step of a cutover (one transition): its status, detail, who caused it and when.</summary>
public sealed record CutoverStepResponse(string Step, string Status, string? Detail, string? Actor, DateTimeOffset At);
