using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Movements;

/// <summary>A planned movement with its filled template: what goes to the ledger, and what is recorded once it is posted.</summary>
/// <param name="Command">The command.</param>
/// <param name="Plan">The use case's decision.</param>
/// <param name="Ledger">The ledger request (filled template, the command's key, reference and metadata).</param>
public sealed record MovementDecision(MovementCommand Command, MovementPlan Plan, LedgerRequest Ledger);
