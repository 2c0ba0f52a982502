using WalletFlow.Core.Monetary;
using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Payouts;

/// <summary>A payout as the payouts table holds it: the request and its latest state.</summary>
/// <param name="PayoutId">The payout id (also the orchestration instance id and the provider's idempotency key).</param>
/// <param name="WalletId">The paying wallet.</param>
/// <param name="Amount">What the beneficiary receives.</param>
/// <param name="Fee">Walletflow's fee, held with the amount and settled to revenue.</param>
/// <param name="ProviderId">The rail.</param>
/// <param name="Beneficiary">Who receives it.</param>
/// <param name="Status">The latest state.</param>
/// <param name="ProviderReference">The provider's reference once known.</param>
/// <param name="Detail">The latest state's reason or evidence.</param>
/// <param name="Requeries">Requeries made so far.</param>
/// <param name="CreatedAt">When it was requested.</param>
/// <param name="UpdatedAt">When its state last changed.</param>
public sealed record Payout(
    string PayoutId,
    string WalletId,
    Money Amount,
    Money Fee,
    string ProviderId,
    Beneficiary Beneficiary,
    PayoutStatus Status,
    string? ProviderReference,
    string? Detail,
    int Requeries,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
