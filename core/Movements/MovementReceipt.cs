using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Movements;

/// <summary>
/// What a money movement did: stored with its idempotency claim and returned, identical, to every
/// replay of the command. Responses are built from this alone so a replay cannot differ.
/// </summary>
/// <param name="CommandId">walletflow's id for the command (derived from its key).</param>
/// <param name="Operation">The operation: a template name (<see cref="Templates.TemplateNames"/>).</param>
/// <param name="TransactionId">The ledger transaction.</param>
/// <param name="At">The ledger transaction's timestamp.</param>
/// <param name="Postings">The ledger postings, in order.</param>
/// <param name="Attributes">What the use case adds for the caller (hold id, FX amounts…).</param>
public sealed record MovementReceipt(
    string CommandId,
    string Operation,
    long TransactionId,
    DateTimeOffset At,
    IReadOnlyList<Posting> Postings,
    IReadOnlyDictionary<string, string> Attributes);
