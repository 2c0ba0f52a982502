using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WalletFlow.Activities.Reserves;
using WalletFlow.Core.Reserves;
using WalletFlow.Orchestrations.Reserves;

namespace WalletFlow.Functions;

/// <summary>
/// The reserve maturity timer in Functions (host/'s is ReserveMaturityService): a TimerTrigger starts the
/// shared <see cref="ReserveMaturityRun"/> through the bound durable client, under the same instance id
/// rule, and thin orchestration and activity wrappers run the shared classes (functions/README.md says
/// why wrappers). Names are <see cref="ReserveMaturity"/>'s, so the run's CallActivityAsync finds them.
/// </summary>
public sealed partial class ReserveMaturityFunctions(IServiceProvider services, TimeProvider time, ILogger<ReserveMaturityFunctions> logger)
{
    /// <summary>
    /// The app setting holding the timer's NCRONTAB schedule (<c>0 */5 * * * *</c>: every 5 minutes, host/'s
    /// default interval). Required: without it the Functions host cannot index the timer.
    /// </summary>
    public const string ScheduleSetting = "ReserveMaturitySchedule";

    /// <summary>Starts the run of this tick unless it is alive; answers its instance id.</summary>
    [Function(nameof(StartReserveMaturity))]
    public async Task<string> StartReserveMaturity([TimerTrigger("%" + ScheduleSetting + "%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        var instanceId = await DurableClientUseCases.ReserveMaturityRuns(services, client).StartAsync(time.GetUtcNow(), ct);
        LogStarted(logger, instanceId);
        return instanceId;
    }

    [Function(ReserveMaturity.Run)]
    public static Task<ReserveMaturityResult> ReserveMaturityRun([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ReserveMaturityRun().RunAsync(context, context.GetInput<ReserveMaturityInput>()!);
    }

    [Function(ReserveMaturity.FindDue)]
    public Task<IReadOnlyList<string>> FindDueReserveTranches([ActivityTrigger] DueReserveTranches input, FunctionContext function) =>
        Run<FindDueReserveTranchesActivity, DueReserveTranches, IReadOnlyList<string>>(ReserveMaturity.FindDue, input, function);

    [Function(ReserveMaturity.Release)]
    public Task<TrancheRelease> ReleaseReserveTranche([ActivityTrigger] string trancheId, FunctionContext function) =>
        Run<ReleaseReserveTrancheActivity, string, TrancheRelease>(ReserveMaturity.Release, trancheId, function);

    private Task<TOutput> Run<TActivity, TInput, TOutput>(string name, TInput input, FunctionContext? function)
        where TActivity : TaskActivity<TInput, TOutput> =>
        ActivatorUtilities.CreateInstance<TActivity>(services).RunAsync(new FunctionsActivityContext(name, function?.InvocationId ?? ""), input);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reserve maturity run {InstanceId} started (or already running)")]
    private static partial void LogStarted(ILogger logger, string instanceId);
}
