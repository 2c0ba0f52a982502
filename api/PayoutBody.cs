namespace WalletFlow.Api;

/// <summary>POST /v1/payouts.</summary>
/// <param name="PayoutId">Your payout id: the same id again is the same payout.</param>
/// <param name="WalletId">The paying wallet.</param>
/// <param name="Amount">Major units.</param>
/// <param name="Currency">The currency code.</param>
/// <param name="ProviderId">The rail (<c>sandbox</c> locally).</param>
/// <param name="Beneficiary">Who receives it.</param>
/// <param name="Fee">Optional fee, major units, held with the amount and settled to revenue.</param>
public sealed record PayoutBody(string? PayoutId, string? WalletId, string? Amount, string? Currency, string? ProviderId, BeneficiaryBody? Beneficiary, string? Fee = null);
