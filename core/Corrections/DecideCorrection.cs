using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Corrections;

/// <summary>
/// A checker approves or rejects a pending correction (POST /v1/corrections/{id}/decision). The checker
/// must be another principal than the maker; the decision is recorded first (with its event), then the
/// workflow is woken and posts. The same decision by the same checker again changes nothing and answers
/// the correction as it is; any other decision on a decided or expired correction is a conflict.
/// </summary>
public sealed class DecideCorrection(ICorrectionStore corrections, ICorrectionWorkflows workflows, TimeProvider time)
{
    /// <summary>The correction after the decision, or a rejection (nothing written).</summary>
    public async Task<Result<Correction>> RunAsync(string correctionId, string? decision, string? comment, string? actor, CancellationToken cancellationToken)
    {
        var input =
            from approve in Decision(decision)
            from who in MovementInput.Text(actor, "actor", 128)
            from note in Comment(comment)
            select (approve, who, note);
        if (!input.TryGetValue(out var valid, out var rejected))
            return rejected;
        // A path id that could never name a correction (a NUL, a 5,000-character id) is not found without a lookup.
        var correction = MovementInput.Id(correctionId, "correctionId").IsSuccess ? await corrections.FindAsync(correctionId, cancellationToken) : null;
        if (correction is null)
            return new NotFound("correction", correctionId) { Field = "correctionId" };
        if (correction.RequestedBy == valid.who)
            return new SelfApproval(correctionId, correction.RequestedBy);

        var status = valid.approve ? CorrectionStatus.Approved : CorrectionStatus.Rejected;
        var now = time.GetUtcNow();
        if (correction.Status == CorrectionStatus.PendingApproval)
        {
            if (now >= correction.ExpiresAt)
                return new StateConflict($"Correction {correctionId} expired at {correction.ExpiresAt:u} without a decision; ask for it again.");
            var moved = await corrections.MoveAsync(correctionId, CorrectionStatus.PendingApproval,
                new CorrectionTransition(status, valid.who, valid.note, now), null, cancellationToken);
            correction = await corrections.FindAsync(correctionId, cancellationToken) ?? correction;
            if (moved)
            {
                // Recorded: the workflow may be woken more than once (a retry), it reads the row each time.
                await workflows.StartAsync(new CorrectionWorkflowInput(correctionId, correction.ExpiresAt), cancellationToken);
                await workflows.RaiseDecisionAsync(correctionId, new CorrectionDecision(valid.approve, valid.who), cancellationToken);
                return correction;
            }
        }
        return SameDecision(correction, status, valid.who)
            ? correction
            : new StateConflict($"Correction {correctionId} is {correction.Status}{(correction.DecidedBy is { } by ? $" (decided by {by})" : "")}; it takes no other decision.");
    }

    // A replay: this checker's decision is the one on record (an approval may have posted or been refused since).
    private static bool SameDecision(Correction correction, CorrectionStatus decided, string actor) =>
        correction.DecidedBy == actor && (decided == CorrectionStatus.Rejected
            ? correction.Status == CorrectionStatus.Rejected
            : correction.Status is CorrectionStatus.Approved or CorrectionStatus.Posted or CorrectionStatus.Refused);

    private static Result<bool> Decision(string? decision) => decision switch
    {
        "approve" => true,
        "reject" => false,
        _ => InvalidRequest.For("decision", "Expected approve or reject."),
    };

    private static Result<string?> Comment(string? comment) =>
        comment is null ? (string?)null : MovementInput.Text(comment, "comment", 1000).Map(c => (string?)c);
}
