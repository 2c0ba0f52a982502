using WalletFlow.Core.Results;

namespace WalletFlow.Core.Ports;

/// <summary>The ledger already holds a different transaction under this idempotency key or reference; nothing was written.</summary>
/// <param name="Detail">The ledger's words.</param>
public sealed record LedgerConflict(string Detail) : Rejection(
    RejectionCodes.IdempotencyConflict,
    $"The ledger already has a different transaction for this key or reference: {Detail}");
