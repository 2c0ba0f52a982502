using WalletFlow.Core.Movements;
using WalletFlow.Core.Payouts;

namespace WalletFlow.Api;

/// <summary>POST /v1/payouts.</summary>
/// <param name="PayoutId">Your payout id: the same id again is the same payout.</param>
/// <param name="WalletId">The paying wallet.</param>
/// <param name="Amount">Major units.</param>
/// <param name="Currency">The currency code.</param>
/// <param name="ProviderId">The rail (<c>sandbox</c> locally).</param>
/// <param name="Beneficiary">Who receives it.</param>
/// <param name="Fee">Optional fee, major units, held with the amount and settled to revenue.</param>
public sealed record PayoutBody(string? PayoutId, string? WalletId, string? Amount, string? Currency, string? ProviderId, BeneficiaryBody? Beneficiary, string? Fee = null)
{
    /// <summary>The use case's request under the command's key.</summary>
    public StartPayoutRequest ToRequest(IdempotencyKey key) =>
        new(key, PayoutId, WalletId, Amount, Currency, ProviderId, Beneficiary?.Name, Beneficiary?.AccountNumber, Beneficiary?.BankCode, Fee);
}
