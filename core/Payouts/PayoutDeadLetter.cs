namespace WalletFlow.Core.Payouts;

/// <summary>The input of the dead-letter step.</summary>
/// <param name="PayoutId">The payout.</param>
/// <param name="Requeries">Requeries made before giving up.</param>
/// <param name="LastDetail">The provider's last answer.</param>
public sealed record PayoutDeadLetter(string PayoutId, int Requeries, string? LastDetail);
