namespace WalletFlow.Core.Reserves;

/// <summary>A maturity run's input: what "due" means for it, and how much it takes on.</summary>
/// <param name="AsOf">The tick (UTC): tranches maturing at or before it are due.</param>
/// <param name="BatchSize">At most this many tranches per run; the rest wait for the next tick.</param>
public sealed record ReserveMaturityInput(DateTime AsOf, int BatchSize);
