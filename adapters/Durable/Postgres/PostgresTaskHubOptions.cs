namespace WalletFlow.Adapters.Durable.Postgres;

/// <summary>How the PostgreSQL durable store leases work and looks for it.</summary>
/// <param name="LeaseDuration">
/// How long a process owns an orchestration or activity it took before another may take it over. The
/// owner renews its leases every third of this while it lives, so this is also how long a killed
/// process's work waits before another process resumes it.
/// </param>
/// <param name="PollInterval">
/// The longest a dispatcher waits between looks for work when no notification arrives (another
/// process's LISTEN/NOTIFY wakes it sooner; a timer due earlier wakes it at its due time).
/// </param>
/// <param name="MaxConnections">The store's own connection pool: dispatchers, completions and client calls.</param>
public sealed record PostgresTaskHubOptions(TimeSpan LeaseDuration, TimeSpan PollInterval, int MaxConnections)
{
    public static readonly PostgresTaskHubOptions Default = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), 16);
}
