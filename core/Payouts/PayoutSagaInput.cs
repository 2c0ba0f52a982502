using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Payouts;

/// <summary>The payout saga's input: the payout as plain values and the requery policy (no aggregate, no options lookups in the orchestrator).</summary>
/// <param name="PayoutId">The payout id (= instance id).</param>
/// <param name="WalletId">The paying wallet.</param>
/// <param name="Currency">The currency code.</param>
/// <param name="Amount">Minor units to pay out.</param>
/// <param name="Fee">Minor units of fee.</param>
/// <param name="ProviderId">The rail.</param>
/// <param name="Beneficiary">Who receives it.</param>
/// <param name="Requery">The requery policy.</param>
public sealed record PayoutSagaInput(
    string PayoutId,
    string WalletId,
    string Currency,
    long Amount,
    long Fee,
    string ProviderId,
    Beneficiary Beneficiary,
    RequeryPolicy Requery);
