namespace WalletFlow.Host.Durable;

/// <summary>
/// The durable-task runtime of the self-hosted process (design.md §1): which backend stores the
/// orchestrations, and where the in-process gRPC sidecar that the worker and client talk to listens.
/// </summary>
public sealed class DurableOptions
{
    public const string Section = "Durable";

    /// <summary>Where orchestration state lives. <see cref="DurableBackendKind.InMemory"/> is lost when the process stops.</summary>
    public DurableBackendKind Backend { get; set; } = DurableBackendKind.InMemory;

    /// <summary>Loopback port of the sidecar; 0 picks a free port at each start.</summary>
    public int SidecarPort { get; set; }

    /// <summary>Used only with <c>Durable:Backend=AzureStorage</c>.</summary>
    public DurableAzureStorageOptions AzureStorage { get; set; } = new();
}
