using System.Security.Cryptography;
using System.Text;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Cutover;

/// <summary>
/// Accepts a legacy balances file and starts its cutover (design.md §7, issue 18): every row is
/// checked first and a file with any bad line is refused whole, with every problem listed and nothing
/// written. A good file is stored with its rows and the workflow started (instance id = cutover id,
/// derived from the idempotency key, so a retried upload is the same cutover).
/// </summary>
public sealed class StartCutover(ICutoverStore cutovers, ICutoverWorkflows workflows, CutoverPolicy policy)
{
    /// <summary>The operation cutover uploads are claimed under.</summary>
    public const string Operation = "cutover";

    /// <summary>The cutover (Created false for a replay), or a rejection.</summary>
    public async Task<Result<CreatedCutover>> RunAsync(StartCutoverRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Actor))
            return new Unauthenticated("A cutover is started by an authenticated principal.");
        var check = CutoverCsv.Check(request.File);
        if (!check.IsValid)
            return new CutoverFileRefused(check.Errors);

        var (_, hash) = MovementPipeline.Canonicalize(Operation,
            check.Rows.Select(r => new { r.WalletId, r.OwnerId, currency = r.Balance.Currency.Code, balance = r.Balance.MinorUnits, r.LegacyRef }).ToList());
        var created = await cutovers.CreateAsync(CutoverId(request.Key), request.Key, hash, check.Rows, policy.BatchSize, request.Actor, cancellationToken);
        if (created.Conflict is not null)
            return new IdempotencyConflict(request.Key.Value, Operation);
        if (created.BlockedBy is { } other)
            return new StateConflict($"Cutover '{other.CutoverId}' is {other.Status}: roll it back (or let it go live) before starting another.");
        var cutover = created.Cutover!;
        // A replay of an upload whose workflow has not ended starts it again (a live instance is left alone).
        if (!CutoverLifecycle.ForwardEnded(cutover.Status))
            await workflows.StartAsync(new CutoverWorkflowInput(cutover.CutoverId, cutover.Batches, cutover.RequestedBy), cancellationToken);
        return created;
    }

    /// <summary>The cutover id of an upload's key: a retried upload names the same cutover.</summary>
    public static string CutoverId(IdempotencyKey key) =>
        "co_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Value)))[..24];
}
