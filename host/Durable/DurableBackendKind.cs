namespace WalletFlow.Host.Durable;

/// <summary>The orchestration stores walletflow can run on (<c>Durable:Backend</c>).</summary>
public enum DurableBackendKind
{
    /// <summary>
    /// The default: walletflow's own PostgreSQL database (schema <c>durable</c>). Survives kill -9 and
    /// restarts; several walletflow processes on one database share the work.
    /// </summary>
    Postgres,

    /// <summary>In the process's memory: no database, nothing survives a restart (the saga sweeper re-drives). For tests.</summary>
    InMemory,

    /// <summary>Azure Storage queues, tables and blobs (DurableTask.AzureStorage), or Azurite.</summary>
    AzureStorage,
}
