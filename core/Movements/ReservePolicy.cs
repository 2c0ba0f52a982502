namespace WalletFlow.Core.Movements;

/// <summary>An owner's rolling reserve: <paramref name="RateBasisPoints"/> of each pay-in is kept for <paramref name="HoldDays"/> days.</summary>
/// <param name="OwnerId">The owner.</param>
/// <param name="RateBasisPoints">0–10,000 (100.00 %).</param>
/// <param name="HoldDays">Days until a tranche matures.</param>
public sealed record ReservePolicy(string OwnerId, int RateBasisPoints, int HoldDays);
