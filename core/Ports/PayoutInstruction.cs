using WalletFlow.Core.Monetary;

namespace WalletFlow.Core.Ports;

/// <summary>What is sent to a provider. The payout id doubles as the provider's idempotency key (design.md §7).</summary>
/// <param name="PayoutId">The payout id.</param>
/// <param name="Amount">What the beneficiary should receive.</param>
/// <param name="Beneficiary">Who receives it.</param>
public sealed record PayoutInstruction(string PayoutId, Money Amount, Beneficiary Beneficiary);
