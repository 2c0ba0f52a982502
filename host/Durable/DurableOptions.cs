namespace WalletFlow.Host.Durable;

/// <summary>
/// The durable-task runtime of the self-hosted process (design.md §1): which backend stores the
/// orchestrations, and where the in-process gRPC sidecar that the worker and client talk to listens.
/// </summary>
public sealed class DurableOptions
{
    public const string Section = "Durable";

    /// <summary>Where orchestration state lives. <see cref="DurableBackendKind.InMemory"/> is lost when the process stops.</summary>
    public DurableBackendKind Backend { get; set; } = DurableBackendKind.Postgres;

    /// <summary>
    /// Postgres backend: how long a process owns an orchestration or activity it took (renewed while it
    /// lives), and so how long a killed process's work waits before another process resumes it.
    /// </summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>Finished orchestrations (history and status) are purged this many days after they finished.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>How often the retention purge runs.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Loopback port of the sidecar; 0 picks a free port at each start.</summary>
    public int SidecarPort { get; set; }

    /// <summary>
    /// Orchestration episodes the sidecar dispatches at once, whatever the backend. The sidecar polls
    /// every 500 ms while this many are in flight, so a small number caps throughput: at the in-memory
    /// backend's own default (the processor count, 2 here) it was 4 episodes a second.
    /// </summary>
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>Activities the sidecar dispatches at once. Each holds a database connection or a provider call while it runs.</summary>
    public int MaxConcurrentActivities { get; set; } = 50;

    /// <summary>Used only with <c>Durable:Backend=AzureStorage</c>.</summary>
    public DurableAzureStorageOptions AzureStorage { get; set; } = new();
}
