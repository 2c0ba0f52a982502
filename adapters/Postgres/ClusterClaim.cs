namespace WalletFlow.Adapters.Postgres;

/// <summary>How a process claims the private cluster of its data directory.</summary>
public enum ClusterClaim
{
    /// <summary>
    /// Run the cluster for this process's lifetime or fail when another process runs it
    /// (<c>serve</c>, the test fixture, the benches).
    /// </summary>
    Exclusive,

    /// <summary>
    /// Use the cluster a running process owns (port and credentials from the data directory), never
    /// stopping it; with no owner, run it for this process as <see cref="Exclusive"/> does (the
    /// one-shot commands: <c>gates run</c>, <c>clients add</c>, <c>ledger verify</c>, …).
    /// </summary>
    JoinOrRun,
}
