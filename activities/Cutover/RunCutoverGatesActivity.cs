using Microsoft.DurableTask;
using WalletFlow.Core.Cutover;

namespace WalletFlow.Activities.Cutover;

/// <summary>Step 4a: the four gates.</summary>
public sealed class RunCutoverGatesActivity(RunCutoverGates gates) : TaskActivity<string, CutoverStepResult>
{
    public override Task<CutoverStepResult> RunAsync(TaskActivityContext context, string input) => gates.RunAsync(input, CancellationToken.None);
}
