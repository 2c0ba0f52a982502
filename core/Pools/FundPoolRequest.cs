using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Pools;

/// <summary>Fund a provider's (GPS) pool from a bank account.</summary>
/// <param name="Key">The command's idempotency key.</param>
/// <param name="ProviderId">The provider whose pool is funded: <c>pools:{providerId}:{ccy}</c>.</param>
/// <param name="BankId">The bank account the cash leaves: <c>banks:{bankId}:{ccy}</c>.</param>
/// <param name="Amount">Major units, as text.</param>
/// <param name="Currency">The currency code.</param>
public sealed record FundPoolRequest(IdempotencyKey Key, string? ProviderId, string? BankId, string? Amount, string? Currency);
