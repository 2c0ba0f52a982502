using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Activities.Cutover;
using WalletFlow.Core.Cutover;
using WalletFlow.Orchestrations.Cutover;

namespace WalletFlow.Functions;

/// <summary>
/// The shared cutover workflows and their activities as orchestration and activity triggers: thin
/// wrappers, one per task, each running the class host/ registers (functions/README.md says why wrappers
/// and not the registry). Names are <see cref="CutoverActivityNames"/>, so CallActivityAsync finds them.
/// </summary>
public sealed class CutoverWorkflowFunctions(IServiceProvider services)
{
    [Function(CutoverActivityNames.Workflow)]
    public static Task<CutoverWorkflowResult> CutoverWorkflow([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new CutoverWorkflow().RunAsync(context, context.GetInput<CutoverWorkflowInput>()!);
    }

    [Function(CutoverActivityNames.RollbackWorkflow)]
    public static Task<CutoverWorkflowResult> CutoverRollbackWorkflow([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new CutoverRollbackWorkflow().RunAsync(context, context.GetInput<CutoverWorkflowInput>()!);
    }

    [Function(CutoverActivityNames.Freeze)]
    public Task<CutoverStepResult> FreezeLegacy([ActivityTrigger] CutoverWorkflowInput input, FunctionContext function) =>
        Run<FreezeLegacyActivity, CutoverWorkflowInput, CutoverStepResult>(CutoverActivityNames.Freeze, input, function);

    [Function(CutoverActivityNames.PostBatch)]
    public Task<CutoverBatchResult> PostOpeningBalances([ActivityTrigger] CutoverBatchInput input, FunctionContext function) =>
        Run<PostOpeningBalancesActivity, CutoverBatchInput, CutoverBatchResult>(CutoverActivityNames.PostBatch, input, function);

    [Function(CutoverActivityNames.ConfirmPosted)]
    public Task<CutoverStepResult> ConfirmOpeningBalances([ActivityTrigger] string cutoverId, FunctionContext function) =>
        Run<ConfirmOpeningBalancesActivity, string, CutoverStepResult>(CutoverActivityNames.ConfirmPosted, cutoverId, function);

    [Function(CutoverActivityNames.Gates)]
    public Task<CutoverStepResult> RunCutoverGates([ActivityTrigger] string cutoverId, FunctionContext function) =>
        Run<RunCutoverGatesActivity, string, CutoverStepResult>(CutoverActivityNames.Gates, cutoverId, function);

    [Function(CutoverActivityNames.Reconcile)]
    public Task<CutoverStepResult> ReconcileCutover([ActivityTrigger] string cutoverId, FunctionContext function) =>
        Run<ReconcileCutoverActivity, string, CutoverStepResult>(CutoverActivityNames.Reconcile, cutoverId, function);

    [Function(CutoverActivityNames.GoLive)]
    public Task<CutoverStepResult> GoLive([ActivityTrigger] CutoverWorkflowInput input, FunctionContext function) =>
        Run<GoLiveActivity, CutoverWorkflowInput, CutoverStepResult>(CutoverActivityNames.GoLive, input, function);

    [Function(CutoverActivityNames.Fail)]
    public Task<bool> FailCutover([ActivityTrigger] CutoverFailure input, FunctionContext function) =>
        Run<FailCutoverActivity, CutoverFailure, bool>(CutoverActivityNames.Fail, input, function);

    [Function(CutoverActivityNames.ReverseBatch)]
    public Task<CutoverBatchResult> ReverseOpeningBalances([ActivityTrigger] CutoverBatchInput input, FunctionContext function) =>
        Run<ReverseOpeningBalancesActivity, CutoverBatchInput, CutoverBatchResult>(CutoverActivityNames.ReverseBatch, input, function);

    [Function(CutoverActivityNames.FinishRollback)]
    public Task<CutoverStepResult> FinishRollback([ActivityTrigger] CutoverWorkflowInput input, FunctionContext function) =>
        Run<FinishRollbackActivity, CutoverWorkflowInput, CutoverStepResult>(CutoverActivityNames.FinishRollback, input, function);

    private Task<TOutput> Run<TActivity, TInput, TOutput>(string name, TInput input, FunctionContext? function)
        where TActivity : TaskActivity<TInput, TOutput> =>
        ActivatorUtilities.CreateInstance<TActivity>(services).RunAsync(new FunctionsActivityContext(name, function?.InvocationId ?? ""), input);
}
