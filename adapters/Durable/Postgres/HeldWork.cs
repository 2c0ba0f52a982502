using DurableTask.Core;

namespace WalletFlow.Adapters.Durable.Postgres;

/// <summary>
/// An orchestration this process holds the lease of: the token that proves it, the execution its
/// history was read for, and the messages the episode consumes (deleted when it commits).
/// </summary>
/// <remarks>A class, not a record: two leases are the same only if they are the same object.</remarks>
internal sealed class HeldOrchestration(Guid token, string executionId, long[] consumedMessageIds, int historyCount)
{
    public Guid Token { get; } = token;

    public string ExecutionId { get; } = executionId;

    public long[] ConsumedMessageIds { get; } = consumedMessageIds;

    public int HistoryCount { get; } = historyCount;

    /// <summary>Set once the episode committed, was abandoned or released: the lease is already given back.</summary>
    public bool Settled { get; set; }
}

/// <summary>
/// The work item this store hands out: it carries the lease it was taken under, so completing,
/// abandoning or releasing it acts on that lease and no other. Between an episode's commit (which gives
/// the instance back) and the dispatcher's release of its work item, the same process may already hold a
/// newer lease on the instance for the next episode; looked up by instance id, the old work item's
/// release cleared that newer lease and the next commit used a third one, deleting messages no episode
/// had applied (a 10,000-wallet cutover's fan-in then waited for ever).
/// </summary>
internal sealed class LeasedOrchestrationWorkItem : TaskOrchestrationWorkItem
{
    public required HeldOrchestration Lease { get; init; }
}

/// <summary>An activity this process holds the lease of.</summary>
internal sealed record HeldActivity(long TaskId, Guid Token, int DequeueCount);
