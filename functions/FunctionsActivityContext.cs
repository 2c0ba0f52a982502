using Microsoft.DurableTask;

namespace WalletFlow.Functions;

/// <summary>The activity context a wrapped shared activity receives: its task name and the invocation it runs in.</summary>
public sealed class FunctionsActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = new(name);
    public override string InstanceId { get; } = instanceId;
}
