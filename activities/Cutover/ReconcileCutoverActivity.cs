using Microsoft.DurableTask;
using WalletFlow.Core.Cutover;

namespace WalletFlow.Activities.Cutover;

/// <summary>Step 4b: file totals against ledger totals per currency, and every wallet against its row.</summary>
public sealed class ReconcileCutoverActivity(ReconcileCutover reconcile) : TaskActivity<string, CutoverStepResult>
{
    public override Task<CutoverStepResult> RunAsync(TaskActivityContext context, string input) => reconcile.RunAsync(input, CancellationToken.None);
}
