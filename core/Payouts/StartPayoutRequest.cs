using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Payouts;

/// <summary>POST /v1/payouts.</summary>
/// <param name="Key">The command's idempotency key.</param>
/// <param name="PayoutId">The payout id (the caller's; also the orchestration instance id).</param>
/// <param name="WalletId">The paying wallet.</param>
/// <param name="Amount">Major units, as text.</param>
/// <param name="Currency">The currency code.</param>
/// <param name="ProviderId">The rail.</param>
/// <param name="BeneficiaryName">Account holder name.</param>
/// <param name="BeneficiaryAccountNumber">Account number.</param>
/// <param name="BeneficiaryBankCode">Bank code.</param>
/// <param name="Fee">Optional fee, major units.</param>
public sealed record StartPayoutRequest(
    IdempotencyKey Key,
    string? PayoutId,
    string? WalletId,
    string? Amount,
    string? Currency,
    string? ProviderId,
    string? BeneficiaryName,
    string? BeneficiaryAccountNumber,
    string? BeneficiaryBankCode,
    string? Fee = null);
