namespace WalletFlow.Adapters.Payments;

/// <summary>
/// The JSON a provider answers a submit or requery with, and posts as a status callback:
/// <c>status</c> is <c>accepted</c> (with <c>reference</c>), <c>rejected</c> (with <c>reason</c>) or
/// <c>pending</c> (<c>reference</c> optional).
/// </summary>
public sealed record PayoutStatusBody(string? PayoutId, string? Status, string? Reference = null, string? Reason = null);
