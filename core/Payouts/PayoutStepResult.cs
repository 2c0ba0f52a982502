namespace WalletFlow.Core.Payouts;

/// <summary>What a money step (hold, settle, release) of the saga did.</summary>
/// <param name="Succeeded">True when the movement happened (or had already happened).</param>
/// <param name="Code">The rejection code when it did not.</param>
/// <param name="Message">The rejection's message.</param>
public sealed record PayoutStepResult(bool Succeeded, string? Code = null, string? Message = null);
