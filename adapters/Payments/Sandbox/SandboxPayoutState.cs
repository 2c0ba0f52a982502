using WalletFlow.Core.Monetary;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Payments.Sandbox;

/// <summary>What the sandbox rail holds for one payout id: one payment at most, whatever the number of submits.</summary>
/// <param name="PayoutId">The payout id (its idempotency key).</param>
/// <param name="Script">The script its beneficiary chose.</param>
/// <param name="Amount">What was paid or is being paid.</param>
/// <param name="Beneficiary">To whom.</param>
/// <param name="Status">accepted, rejected, pending, or null while the outcome is ambiguous (digit 5).</param>
/// <param name="Reference">The rail's reference.</param>
/// <param name="Reason">Why it was rejected.</param>
/// <param name="Submits">How many submits named this payout id.</param>
/// <param name="Queries">How many requeries asked about it.</param>
public sealed record SandboxPayoutState(
    string PayoutId,
    SandboxScript Script,
    Money Amount,
    Beneficiary Beneficiary,
    string? Status,
    string? Reference,
    string? Reason,
    int Submits,
    int Queries);
