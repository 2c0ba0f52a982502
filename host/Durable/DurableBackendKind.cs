namespace WalletFlow.Host.Durable;

/// <summary>The orchestration stores walletflow can run on (<c>Durable:Backend</c>).</summary>
public enum DurableBackendKind
{
    /// <summary>In the process's memory: no emulator, nothing survives a restart (the saga sweeper re-drives).</summary>
    InMemory,

    /// <summary>Azure Storage queues, tables and blobs (DurableTask.AzureStorage), or Azurite.</summary>
    AzureStorage,
}
