namespace WalletFlow.Core.Payouts;

/// <summary>How the saga ended.</summary>
/// <param name="Status">Settled, Released or Rejected.</param>
/// <param name="Detail">The reason.</param>
public sealed record PayoutSagaResult(PayoutStatus Status, string? Detail);
