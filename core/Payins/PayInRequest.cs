using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Payins;

/// <summary>Money arrived for a wallet at a bank or a provider pool (POST /v1/payins).</summary>
/// <param name="Key">The command's idempotency key.</param>
/// <param name="WalletId">The wallet credited.</param>
/// <param name="Amount">Major units, as text ("1500.00").</param>
/// <param name="Currency">The currency code.</param>
/// <param name="Source"><c>banks:{bankId}</c> or <c>pools:{providerId}</c>; the currency segment is added.</param>
/// <param name="ExternalRef">The bank's or provider's reference for the money received.</param>
/// <param name="Fee">Optional fee kept from the pay-in, major units.</param>
public sealed record PayInRequest(IdempotencyKey Key, string? WalletId, string? Amount, string? Currency, string? Source, string? ExternalRef, string? Fee = null);
