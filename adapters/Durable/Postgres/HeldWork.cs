namespace WalletFlow.Adapters.Durable.Postgres;

/// <summary>
/// An orchestration this process holds the lease of: the token that proves it, the execution its
/// history was read for, and the messages the episode consumes (deleted when it commits).
/// </summary>
internal sealed record HeldOrchestration(Guid Token, string ExecutionId, long[] ConsumedMessageIds, int HistoryCount)
{
    /// <summary>Set once the episode committed or was abandoned: the lease is already given back.</summary>
    public bool Settled { get; set; }
}

/// <summary>An activity this process holds the lease of.</summary>
internal sealed record HeldActivity(long TaskId, Guid Token, int DequeueCount);
