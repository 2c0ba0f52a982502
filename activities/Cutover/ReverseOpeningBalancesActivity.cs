using Microsoft.DurableTask;
using WalletFlow.Core.Cutover;

namespace WalletFlow.Activities.Cutover;

/// <summary>Rollback, one batch: each opening balance of the cutover reversed under its per-wallet key.</summary>
public sealed class ReverseOpeningBalancesActivity(ReverseCutoverBatch reverse) : TaskActivity<CutoverBatchInput, CutoverBatchResult>
{
    public override Task<CutoverBatchResult> RunAsync(TaskActivityContext context, CutoverBatchInput input) =>
        reverse.RunAsync(input, CancellationToken.None);
}
