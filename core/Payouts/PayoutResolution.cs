namespace WalletFlow.Core.Payouts;

/// <summary>An operator's decision on a dead-lettered payout (the <c>ManualResolution</c> event).</summary>
/// <param name="Outcome">Settle (the money left) or release (it did not).</param>
/// <param name="Evidence">What the operator saw (bank statement line, provider ticket…).</param>
/// <param name="Actor">Who decided.</param>
public sealed record PayoutResolution(PayoutResolutionOutcome Outcome, string Evidence, string Actor);
