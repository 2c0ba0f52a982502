namespace WalletFlow.Core.Payouts;

/// <summary>What a money step (hold, settle, release) of the saga did.</summary>
/// <param name="Succeeded">True when the movement happened (or had already happened).</param>
/// <param name="Code">The rejection code when it did not.</param>
/// <param name="Message">The rejection's message.</param>
/// <param name="Retry">The step did nothing and must run again (a transient refusal, not an answer): the saga waits and asks again.</param>
public sealed record PayoutStepResult(bool Succeeded, string? Code = null, string? Message = null, bool Retry = false);
