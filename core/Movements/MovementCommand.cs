using System.Diagnostics;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Movements;

/// <summary>
/// One money movement as a use case hands it to the pipeline: validated input, its idempotency key and
/// claim hash, and the plan that decides it once the state it reads is locked.
/// </summary>
/// <param name="Operation">A template name: the operation and the template are the same word.</param>
/// <param name="Key">The command's idempotency key.</param>
/// <param name="CanonicalRequest">The request's canonical JSON (stored with the command).</param>
/// <param name="RequestHash">The hash claimed with the key (operation + canonical request).</param>
/// <param name="Plan">Reads state in the writing transaction and decides the movement, or rejects it.</param>
public sealed record MovementCommand(
    string Operation,
    IdempotencyKey Key,
    string CanonicalRequest,
    byte[] RequestHash,
    Func<ICommandState, CancellationToken, Task<Result<MovementPlan>>> Plan)
{
    /// <summary>walletflow's command id, derived from the key (a retry after a crash names the same command).</summary>
    public string CommandId { get; } = MovementPipeline.CommandId(Key);

    /// <summary>
    /// The movement's span in its caller's trace (default when nobody traces): a ledger write that carries
    /// the movement (perhaps with others, on another thread) is its child or links to it.
    /// </summary>
    public ActivityContext Caller { get; init; }

    /// <summary>Set by <see cref="MovementSteps.Answer"/> when the claim found the same request done: the answer is its stored receipt.</summary>
    public bool Replayed { get; internal set; }

    /// <summary>The ledger transaction's unique reference.</summary>
    public string Reference => $"{Operation}:{Key.Value}";
}
