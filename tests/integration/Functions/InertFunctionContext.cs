using Microsoft.Azure.Functions.Worker;

namespace WalletFlow.Tests.Integration.Functions;

/// <summary>
/// Stands in for the <see cref="FunctionContext"/> the Functions host binds to a trigger (the host
/// cannot run here, and the worker has no public context to build). The start trigger needs one only
/// because <c>HttpRequestData</c>'s constructor requires it; nothing on that path reads it, so every
/// member throws: a test fails the day the SDK starts depending on the invocation instead of the request.
/// </summary>
public sealed class InertFunctionContext : FunctionContext
{
    public override string InvocationId => throw Unused();
    public override string FunctionId => throw Unused();
    public override TraceContext TraceContext => throw Unused();
    public override BindingContext BindingContext => throw Unused();
    public override RetryContext RetryContext => throw Unused();
    public override FunctionDefinition FunctionDefinition => throw Unused();
    public override IInvocationFeatures Features => throw Unused();

    public override IServiceProvider InstanceServices
    {
        get => throw Unused();
        set => throw Unused();
    }

    public override IDictionary<object, object> Items
    {
        get => throw Unused();
        set => throw Unused();
    }

    private static NotSupportedException Unused() => new("the start trigger's path should not read the FunctionContext");
}
