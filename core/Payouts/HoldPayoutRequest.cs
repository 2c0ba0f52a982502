using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Payouts;

/// <summary>The payout saga's first step (design.md §7): hold a payout's amount and fee in the wallet.</summary>
/// <param name="Key">The step's idempotency key (the saga derives it from the payout id).</param>
/// <param name="PayoutId">The payout; its hold has the same id.</param>
/// <param name="WalletId">The paying wallet.</param>
/// <param name="Amount">Major units, as text: what the beneficiary receives.</param>
/// <param name="Currency">The currency code (the wallet's).</param>
/// <param name="Fee">Optional fee, major units, held with the amount and taken as revenue on settle.</param>
public sealed record HoldPayoutRequest(IdempotencyKey Key, string? PayoutId, string? WalletId, string? Amount, string? Currency, string? Fee = null);
