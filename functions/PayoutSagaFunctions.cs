using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Activities.Payouts;
using WalletFlow.Core.Payouts;
using WalletFlow.Orchestrations.Payouts;

namespace WalletFlow.Functions;

/// <summary>
/// The shared payout saga and its activities as orchestration and activity triggers: thin wrappers,
/// one per task, each running the class host/ registers (functions/README.md says why wrappers and not
/// the registry). Names are <see cref="PayoutActivityNames"/>, so the saga's CallActivityAsync finds them.
/// </summary>
public sealed class PayoutSagaFunctions(IServiceProvider services)
{
    [Function(PayoutActivityNames.Saga)]
    public static Task<PayoutSagaResult> PayoutSaga([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PayoutSaga().RunAsync(context, context.GetInput<PayoutSagaInput>()!);
    }

    [Function(PayoutActivityNames.Hold)]
    public Task<PayoutStepResult> HoldPayout([ActivityTrigger] PayoutSagaInput input, FunctionContext function) =>
        Run<HoldPayoutActivity, PayoutSagaInput, PayoutStepResult>(PayoutActivityNames.Hold, input, function);

    [Function(PayoutActivityNames.Submit)]
    public Task<ProviderReply> SubmitPayout([ActivityTrigger] PayoutSagaInput input, FunctionContext function) =>
        Run<SubmitPayoutActivity, PayoutSagaInput, ProviderReply>(PayoutActivityNames.Submit, input, function);

    [Function(PayoutActivityNames.Query)]
    public Task<ProviderReply> QueryPayout([ActivityTrigger] PayoutQuery input, FunctionContext function) =>
        Run<QueryPayoutActivity, PayoutQuery, ProviderReply>(PayoutActivityNames.Query, input, function);

    [Function(PayoutActivityNames.Settle)]
    public Task<PayoutStepResult> SettlePayout([ActivityTrigger] PayoutClosing input, FunctionContext function) =>
        Run<SettlePayoutActivity, PayoutClosing, PayoutStepResult>(PayoutActivityNames.Settle, input, function);

    [Function(PayoutActivityNames.Release)]
    public Task<PayoutStepResult> ReleasePayout([ActivityTrigger] PayoutClosing input, FunctionContext function) =>
        Run<ReleasePayoutActivity, PayoutClosing, PayoutStepResult>(PayoutActivityNames.Release, input, function);

    [Function(PayoutActivityNames.DeadLetter)]
    public Task<bool> DeadLetterPayout([ActivityTrigger] PayoutDeadLetter input, FunctionContext function) =>
        Run<DeadLetterPayoutActivity, PayoutDeadLetter, bool>(PayoutActivityNames.DeadLetter, input, function);

    private Task<TOutput> Run<TActivity, TInput, TOutput>(string name, TInput input, FunctionContext? function)
        where TActivity : TaskActivity<TInput, TOutput> =>
        ActivatorUtilities.CreateInstance<TActivity>(services).RunAsync(new FunctionsActivityContext(name, function?.InvocationId ?? ""), input);
}
