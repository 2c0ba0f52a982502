using WalletFlow.Core.Migration;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Cutover;

/// <summary>
/// One batch of the posting step: each row's wallet opened (the same wallet again is the same wallet)
/// and its opening balance posted under the key <see cref="CutoverKeys.Opening"/> (a re-run batch
/// replays, never posts twice; migration 0010 allows one opening balance per wallet whatever the key).
/// A zero balance opens the wallet and posts nothing. Each row's outcome is recorded; a row that fails
/// fails the step, never the batch's other rows.
/// </summary>
public sealed class PostCutoverBatch(ICutoverStore cutovers, OpenWallet open, PostOpeningBalance post, CutoverPolicy policy)
{
    /// <summary>Opens and posts every row of the batch and records each outcome.</summary>
    public async Task<CutoverBatchResult> RunAsync(CutoverBatchInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        // A batch that starts after the cutover stopped (failed, rolling back) posts nothing: a rollback
        // must not race a posting it would not see.
        if (await cutovers.FindAsync(input.CutoverId, cancellationToken) is not { Status: CutoverStatus.Frozen })
            return new CutoverBatchResult(input.Batch, 0, 0, 0);
        var rows = await cutovers.BatchAsync(input.CutoverId, input.Batch, cancellationToken);
        var outcomes = new CutoverRowOutcome[rows.Count];
        await Parallel.ForAsync(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = policy.RowsInFlight, CancellationToken = cancellationToken },
            async (i, ct) => outcomes[i] = await PostAsync(input.CutoverId, rows[i], ct));
        await cutovers.RecordPostingsAsync(input.CutoverId, outcomes, cancellationToken);
        var failed = outcomes.Count(o => !o.Succeeded);
        return new CutoverBatchResult(input.Batch, rows.Count, rows.Count - failed, failed);
    }

    private async Task<CutoverRowOutcome> PostAsync(string cutoverId, CutoverRow row, CancellationToken cancellationToken)
    {
        var opened = await open.RunAsync(new OpenWalletRequest(row.WalletId, row.OwnerId, row.Balance.Currency.Code), cancellationToken);
        if (!opened.IsSuccess)
            return new CutoverRowOutcome(row.Line, null, $"open wallet: {opened.Error.Code}: {opened.Error.Message}");
        if (row.Balance.IsZero)
            return new CutoverRowOutcome(row.Line, null, null);
        var request = new OpeningBalanceRequest(CutoverKeys.Opening(cutoverId, row.WalletId), row.WalletId, row.Balance.FormatAmount(),
            row.Balance.Currency.Code, row.LegacyRef);
        var posted = await RetryingAsync(() => post.RunAsync(request, cancellationToken), cancellationToken);
        return posted.TryGetValue(out var receipt, out var rejected)
            ? new CutoverRowOutcome(row.Line, receipt.CommandId, null)
            : new CutoverRowOutcome(row.Line, null, $"opening balance: {rejected.Code}: {rejected.Message}");
    }

    /// <summary>
    /// A key still in progress is this same posting by an execution of the batch that has not finished
    /// (a retried activity): ask again shortly; it answers the stored receipt once that one commits.
    /// </summary>
    internal static async Task<Result<MovementReceipt>> RetryingAsync(Func<Task<Result<MovementReceipt>>> run, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await run();
            if (result.IsSuccess || result.Error is not IdempotencyInProgress || attempt == 20)
                return result;
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
        }
    }
}
