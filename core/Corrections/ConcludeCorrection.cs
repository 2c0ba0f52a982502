using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Corrections;

/// <summary>
/// The correction workflow's one step, run whenever it wakes (a decision, or its deadline): the
/// corrections row decides. Pending past the deadline → Expired; approved → posted exactly once (the
/// posting's key is the correction's, <see cref="CorrectionNames.PostingKey"/>) → Posted, or Refused
/// with the ledger's reason (already reversed, would overdraw now); anything else is left as it is.
/// </summary>
public sealed class ConcludeCorrection(ICorrectionStore corrections, PostCorrection adjust, ReverseTransaction reverse, TimeProvider time)
{
    /// <param name="correctionId">The correction.</param>
    /// <param name="deadlinePassed">The workflow's timer fired: a correction still pending expires, whatever this clock says.</param>
    /// <param name="cancellationToken">Stops waiting (a posting already sent is recorded by the next run).</param>
    public async Task<CorrectionConclusion> RunAsync(string correctionId, bool deadlinePassed, CancellationToken cancellationToken)
    {
        var correction = await corrections.FindAsync(correctionId, cancellationToken)
            ?? throw new InvalidOperationException($"Correction {correctionId} has a workflow but no row.");
        switch (correction.Status)
        {
            case CorrectionStatus.PendingApproval when deadlinePassed || time.GetUtcNow() >= correction.ExpiresAt:
                if (!await corrections.MoveAsync(correctionId, CorrectionStatus.PendingApproval,
                        new CorrectionTransition(CorrectionStatus.Expired, CorrectionNames.WorkflowActor, $"No decision by {correction.ExpiresAt:u}.", time.GetUtcNow()),
                        null, cancellationToken))
                    return await RunAsync(correctionId, deadlinePassed, cancellationToken); // decided meanwhile
                return new CorrectionConclusion(CorrectionStatus.Expired, false);
            case CorrectionStatus.PendingApproval:
                return new CorrectionConclusion(CorrectionStatus.PendingApproval, true);
            case CorrectionStatus.Approved:
                return await PostAsync(correction, cancellationToken);
            default:
                return new CorrectionConclusion(correction.Status, false);
        }
    }

    private async Task<CorrectionConclusion> PostAsync(Correction correction, CancellationToken cancellationToken)
    {
        var key = IdempotencyKey.Create(CorrectionNames.PostingKey(correction.CorrectionId)).Value;
        var posted = correction.Kind == CorrectionKind.Reversal
            ? await reverse.RunAsync(key, correction.CorrectionId, correction.ReverseTransactionId!.Value, correction.Reason, cancellationToken)
            : await adjust.RunAsync(new CorrectionRequest(key, correction.WalletId, correction.Credit!.Value.Currency.Code,
                correction.Credit.Value.FormatAmount(), correction.Debit!.Value.FormatAmount(), correction.Reason), cancellationToken);
        var now = time.GetUtcNow();
        if (posted.TryGetValue(out var receipt, out var rejected))
        {
            await corrections.MoveAsync(correction.CorrectionId, CorrectionStatus.Approved,
                new CorrectionTransition(CorrectionStatus.Posted, CorrectionNames.WorkflowActor, $"Ledger transaction {receipt.TransactionId}.", now),
                receipt.TransactionId, cancellationToken);
            return new CorrectionConclusion(CorrectionStatus.Posted, false);
        }
        // Another run of this step holds the key right now: not an answer, the step is retried.
        if (rejected is IdempotencyInProgress)
            throw new InvalidOperationException($"Correction {correction.CorrectionId}'s posting is in progress elsewhere: {rejected.Message}");
        await corrections.MoveAsync(correction.CorrectionId, CorrectionStatus.Approved,
            new CorrectionTransition(CorrectionStatus.Refused, CorrectionNames.WorkflowActor, rejected.Message, now), null, cancellationToken);
        return new CorrectionConclusion(CorrectionStatus.Refused, false);
    }
}
