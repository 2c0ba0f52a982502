namespace WalletFlow.Host.LedgerApi;

/// <summary>Endpoint metadata: this endpoint belongs to the ledger API and is served on its listener only.</summary>
public sealed class LedgerApiEndpoint
{
    public static readonly LedgerApiEndpoint Instance = new();

    private LedgerApiEndpoint()
    {
    }
}
