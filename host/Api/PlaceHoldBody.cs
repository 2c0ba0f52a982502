namespace WalletFlow.Host.Api;

/// <summary>POST /v1/holds: place a generic hold.</summary>
/// <param name="WalletId">The wallet.</param>
/// <param name="Amount">Major units.</param>
/// <param name="Currency">The currency code.</param>
/// <param name="HoldId">Optional hold id; derived from the key when absent.</param>
public sealed record PlaceHoldBody(string? WalletId, string? Amount, string? Currency, string? HoldId = null);
