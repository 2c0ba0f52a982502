using Microsoft.DurableTask;

namespace WalletFlow.Tests.Integration.Durable.Probe;

/// <summary>Runs on the worker inside the host, so its result proves the activity round trip.</summary>
public sealed class GreetActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) =>
        Task.FromResult($"Hello, {input} (from {context.Name})");
}
