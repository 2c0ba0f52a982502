using WalletFlow.Core.Movements;
using WalletFlow.Core.Payins;

namespace WalletFlow.Api;

/// <summary>POST /v1/payins: money arrived for a wallet at a bank or a provider pool.</summary>
/// <param name="WalletId">The wallet credited.</param>
/// <param name="Amount">Major units as a decimal string, within the currency's decimals ("1500.00").</param>
/// <param name="Currency">The currency code; the wallet must hold it.</param>
/// <param name="Source">"banks:{bankId}" or "pools:{providerId}"; the currency segment is added.</param>
/// <param name="ExternalRef">The bank's or provider's reference for the money received.</param>
/// <param name="Fee">Optional fee kept from the pay-in, major units.</param>
public sealed record PayInBody(string? WalletId, string? Amount, string? Currency, string? Source, string? ExternalRef, string? Fee = null)
{
    /// <summary>The use case's request under the command's key.</summary>
    public PayInRequest ToRequest(IdempotencyKey key) => new(key, WalletId, Amount, Currency, Source, ExternalRef, Fee);
}
