using WalletFlow.Core.Identity;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Cutover;

/// <summary>
/// An operator's rollback of a cutover that failed or went live: every opening balance it posted is
/// reversed (idempotently, per wallet), the books checked, and the flags restored, by the rollback
/// workflow. Asking again is safe: a rolled-back cutover answers as it is, a rollback in progress or
/// one that failed is started again (a live instance is left alone). A cutover whose workflow ended short
/// of Live or Failed (terminated, or its retries spent) is recorded Failed and rolled back.
/// </summary>
public sealed class RollbackCutover(ICutoverStore cutovers, ICutoverWorkflows workflows)
{
    /// <summary>The cutover as it stands after the request, or a rejection.</summary>
    public async Task<Result<CutoverRun>> RunAsync(string cutoverId, string? actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(actor))
            return new Unauthenticated("A rollback is asked for by an authenticated principal.");
        // Not an id (a NUL, a newline…) names no cutover: answered without a lookup PostgreSQL could not even store.
        var cutover = MovementInput.Id(cutoverId, "cutoverId").IsSuccess ? await cutovers.FindAsync(cutoverId, cancellationToken) : null;
        if (cutover is null)
            return new NotFound("cutover", cutoverId) { Field = "cutoverId" };
        if (cutover.Status == CutoverStatus.RolledBack)
            return cutover;
        if (!CutoverLifecycle.MayRollBack(cutover.Status))
        {
            if (await workflows.IsAliveAsync(cutoverId, cancellationToken))
                return new StateConflict($"Cutover '{cutoverId}' is {cutover.Status}: its workflow is still running; a rollback waits until it is live or failed.");
            // Its workflow ended short of Live or Failed (terminated, or a step's retries spent on an outage):
            // that is a failure, and what it posted is rolled back like any failed cutover's.
            cutover = await cutovers.RecordAsync(cutoverId,
                CutoverLifecycle.Transitions.Failed(cutover.Step, "its workflow ended before the cutover went live or failed"), cancellationToken);
        }
        if (cutover.Status != CutoverStatus.RollingBack)
            cutover = await cutovers.RecordAsync(cutoverId, CutoverLifecycle.Transitions.RollbackRequested(actor), cancellationToken);
        await workflows.StartRollbackAsync(new CutoverWorkflowInput(cutoverId, cutover.Batches, actor), cancellationToken);
        return cutover;
    }
}
