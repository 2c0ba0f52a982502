namespace WalletFlow.Host.Api;

/// <summary>POST /v1/reserves/release: release a wallet's matured rolling reserve.</summary>
/// <param name="WalletId">The wallet.</param>
public sealed record ReserveReleaseBody(string? WalletId);
