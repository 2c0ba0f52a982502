using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Telemetry;

namespace WalletFlow.Core.Movements;

/// <summary>
/// The one path every money movement takes (design.md §6): the use case validates its input, then
/// the pipeline claims the idempotency key, plans under lock, fills the template, posts to the ledger
/// with the same key and records the command, its state, statements and outbox event with the
/// claim's result (<see cref="MovementSteps"/>). How those steps share transactions is the writer's:
/// one PostgreSQL transaction per group of concurrent movements on the embedded ledger. A rejection at
/// any step writes nothing for the movement (a retry may then succeed).
/// </summary>
public sealed class MovementPipeline(IMovementWriter writer)
{
    /// <summary>Runs one movement.</summary>
    /// <param name="operation">A template name: the operation and the template are the same word.</param>
    /// <param name="key">The command's idempotency key.</param>
    /// <param name="canonicalRequest">The request in canonical form (plain values): its hash is claimed with the key.</param>
    /// <param name="plan">Reads state through the transaction (locked) and decides the movement, or rejects it.</param>
    /// <param name="cancellationToken">Stops waiting; a movement already sent to the database still completes or not as a whole.</param>
    public async Task<Result<MovementReceipt>> RunAsync(
        string operation,
        IdempotencyKey key,
        object canonicalRequest,
        Func<ICommandState, CancellationToken, Task<Result<MovementPlan>>> plan,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var (request, hash) = Canonicalize(operation, canonicalRequest);
        using var span = MovementTelemetry.Start(operation);
        var command = new MovementCommand(operation, key, request, hash, plan) { Caller = Activity.Current?.Context ?? default };
        return await MovementTelemetry.ObserveAsync(span, command, operation, writer.WriteAsync(command, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>walletflow's command id: derived from the key, so a retry after a crash names the same command.</summary>
    public static string CommandId(IdempotencyKey key) =>
        "cmd_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Value)))[..24];

    /// <summary>A request's canonical JSON and the hash an idempotency claim keeps of it (with the operation).</summary>
    public static (string Json, byte[] Hash) Canonicalize(string operation, object canonicalRequest)
    {
        var json = JsonSerializer.Serialize(canonicalRequest, MovementSteps.CanonicalJson);
        return (json, SHA256.HashData(Encoding.UTF8.GetBytes(operation + "\n" + json)));
    }
}
