namespace WalletFlow.Host.Ops;

/// <summary>One line of a payout's orchestration timeline.</summary>
/// <param name="At">When the store recorded it.</param>
/// <param name="Kind">activity, timer, event, saga.</param>
/// <param name="What">The step in words: "Hold scheduled", "Requery 2 completed", "Timer set".</param>
/// <param name="Detail">A timer's due time, a failure's reason, an outcome.</param>
public sealed record PayoutTimelineLine(DateTime At, string Kind, string What, string? Detail);
