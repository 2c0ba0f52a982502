using Microsoft.DurableTask;
using WalletFlow.Core.Cutover;

namespace WalletFlow.Activities.Cutover;

/// <summary>A step failed: the cutover is recorded Failed, before the live flag.</summary>
public sealed class FailCutoverActivity(FailCutover fail) : TaskActivity<CutoverFailure, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, CutoverFailure input) => fail.RunAsync(input, CancellationToken.None);
}
