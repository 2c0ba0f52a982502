using Microsoft.DurableTask;
using WalletFlow.Core.Cutover;

namespace WalletFlow.Activities.Cutover;

/// <summary>Step 3, fan-in: every row done, or the step fails.</summary>
public sealed class ConfirmOpeningBalancesActivity(ConfirmOpeningBalances confirm) : TaskActivity<string, CutoverStepResult>
{
    public override Task<CutoverStepResult> RunAsync(TaskActivityContext context, string input) => confirm.RunAsync(input, CancellationToken.None);
}
