using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WalletFlow.Tests.Integration.Functions;

/// <summary>
/// The orchestration context the Functions host would hand the orchestration trigger, scripted: each
/// activity call is recorded and answered by <see cref="Answer"/>, timers fire at once, no event arrives.
/// It proves which saga the trigger runs and in what order it calls its steps, not the durable runtime
/// (host/'s tests run the same saga end to end on a real one).
/// </summary>
public sealed class ScriptedOrchestrationContext(object input, Func<TaskName, object?, object?> answer) : TaskOrchestrationContext
{
    private DateTime _now = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public List<(string Activity, object? Input)> Calls { get; } = [];

    public List<object?> CustomStatuses { get; } = [];

    public Func<TaskName, object?, object?> Answer { get; } = answer;

    public override TaskName Name => new("PayoutSaga");
    public override string InstanceId => "scripted";
    public override ParentOrchestrationInstance? Parent => null;
    public override DateTime CurrentUtcDateTime => _now;
    public override bool IsReplaying => false;
    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    public override T GetInput<T>() => (T)input;

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        Calls.Add((name.Name, input));
        return Task.FromResult((TResult)Answer(name, input)!);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        if (fireAt > _now)
            _now = fireAt;
        return Task.CompletedTask;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) => new TaskCompletionSource<T>().Task;

    public override void SendEvent(string instanceId, string eventName, object payload) => throw new NotSupportedException();

    public override void SetCustomStatus(object? customStatus) => CustomStatuses.Add(customStatus);

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException();

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => throw new NotSupportedException();

    public override Guid NewGuid() => throw new NotSupportedException();
}
