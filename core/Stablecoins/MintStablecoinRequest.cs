using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Stablecoins;

/// <summary>Stablecoin arrived in custody for a wallet (POST /v1/stablecoin/mints).</summary>
/// <param name="Key">The command's idempotency key.</param>
/// <param name="WalletId">The wallet credited (holds the asset).</param>
/// <param name="Network">The chain or custody network: <c>custody:{network}:{asset}</c>.</param>
/// <param name="Amount">Major units of the asset, as text.</param>
/// <param name="Currency">The asset code (USDT, USDC).</param>
/// <param name="ExternalRef">Optional on-chain transaction hash or custodian reference.</param>
public sealed record MintStablecoinRequest(IdempotencyKey Key, string? WalletId, string? Network, string? Amount, string? Currency, string? ExternalRef = null);
