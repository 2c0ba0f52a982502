using Microsoft.DurableTask;
using WalletFlow.Core.Cutover;

namespace WalletFlow.Activities.Cutover;

/// <summary>Step 3, one batch: wallets opened and opening balances posted, each under its per-wallet key.</summary>
public sealed class PostOpeningBalancesActivity(PostCutoverBatch post) : TaskActivity<CutoverBatchInput, CutoverBatchResult>
{
    public override Task<CutoverBatchResult> RunAsync(TaskActivityContext context, CutoverBatchInput input) =>
        post.RunAsync(input, CancellationToken.None);
}
