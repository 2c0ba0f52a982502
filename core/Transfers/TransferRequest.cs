using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Transfers;

/// <summary>Wallet to wallet (POST /v1/transfers).</summary>
/// <param name="Key">The command's idempotency key.</param>
/// <param name="FromWalletId">The paying wallet.</param>
/// <param name="ToWalletId">The receiving wallet.</param>
/// <param name="Amount">Major units, as text.</param>
/// <param name="Currency">The currency code (both wallets hold it).</param>
/// <param name="Fee">Optional fee charged to the paying wallet on top of the amount.</param>
public sealed record TransferRequest(IdempotencyKey Key, string? FromWalletId, string? ToWalletId, string? Amount, string? Currency, string? Fee = null);
