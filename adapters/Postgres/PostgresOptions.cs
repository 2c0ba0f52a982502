namespace WalletFlow.Adapters.Postgres;

/// <summary>
/// Where walletflow's database lives. With <c>ConnectionStrings:WalletFlow</c> set, that server is
/// used and nothing is started; otherwise walletflow runs a private cluster from the machine's
/// PostgreSQL binaries (the embedded defaults).
/// </summary>
public sealed class PostgresOptions
{
    public const string Section = "Postgres";
    public const string ConnectionStringName = "WalletFlow";
    public const string ConnectionStringKey = "ConnectionStrings:" + ConnectionStringName;

    /// <summary>A configured server's schema owner, for the migrations when the service's login is not the owner.</summary>
    public const string OwnerConnectionStringName = "WalletFlowOwner";
    public const string OwnerConnectionStringKey = "ConnectionStrings:" + OwnerConnectionStringName;

    /// <summary>Directory holding initdb/pg_ctl/postgres. Unset: PATH, then /usr/lib/postgresql/*/bin, newest first.</summary>
    public string? BinDirectory { get; set; }

    /// <summary>Data directory of the private cluster, relative to the current directory unless absolute (made absolute at start and logged).</summary>
    public string DataDirectory { get; set; } = Path.Combine(".walletflow", "pg");

    /// <summary>Loopback port of the private cluster; 0 picks a free port at each start.</summary>
    public int Port { get; set; }

    /// <summary>Database walletflow creates (embedded) and uses.</summary>
    public string Database { get; set; } = "walletflow";

    /// <summary>How long to wait for the private cluster to accept connections.</summary>
    public int StartTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// Most connections each of walletflow's two pools holds (the main one: ledger, movements, reads;
    /// the commands one: payouts and the remote-ledger path). A request that finds its pool full waits
    /// for a connection rather than opening one more, so the server never sees more than the pools
    /// together (a connection string's own Maximum Pool Size wins).
    /// </summary>
    public int MaxPoolSize { get; set; } = 40;

    /// <summary>The private cluster's max_connections: both pools, the durable store's, plus <see cref="ConnectionHeadroom"/>.</summary>
    public int ClusterMaxConnections => 2 * MaxPoolSize + DurableStoreConnections + ConnectionHeadroom;

    /// <summary>
    /// The PostgreSQL durable store's own pool and its LISTEN connection (used with <c>Durable:Backend=Postgres</c>,
    /// the default; counted whatever the backend, so changing it never needs a bigger cluster).
    /// </summary>
    public static int DurableStoreConnections => Durable.Postgres.PostgresTaskHubOptions.Default.MaxConnections + 1;

    /// <summary>Connections beyond the pools: the migrator's lock, operators' psql, PostgreSQL's reserved superuser slots.</summary>
    public const int ConnectionHeadroom = 20;

    /// <summary>Skip fsync in the private cluster (tests only: a crash may lose data).</summary>
    public bool UnsafeNoFsync { get; set; }
}
