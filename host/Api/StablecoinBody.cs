namespace WalletFlow.Host.Api;

/// <summary>POST /v1/stablecoin/mints and /burns.</summary>
/// <param name="WalletId">The wallet.</param>
/// <param name="Network">The custody network.</param>
/// <param name="Amount">Major units.</param>
/// <param name="Currency">USDT or USDC.</param>
/// <param name="ExternalRef">Optional chain reference.</param>
public sealed record StablecoinBody(string? WalletId, string? Network, string? Amount, string? Currency, string? ExternalRef = null);
