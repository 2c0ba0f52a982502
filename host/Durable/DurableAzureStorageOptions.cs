namespace WalletFlow.Host.Durable;

/// <summary>The Azure Storage backend (<c>Durable:AzureStorage:*</c>).</summary>
public sealed class DurableAzureStorageOptions
{
    /// <summary>A storage account connection string (Azurite's works). Required with that backend.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Names the queues, tables and blob containers; several task hubs can share an account.</summary>
    public string TaskHubName { get; set; } = "walletflow";
}
