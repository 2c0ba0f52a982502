namespace WalletFlow.Adapters.Ledger;

/// <summary>A script to write inside the caller's transaction (<see cref="EmbeddedLedger.StageScriptsAsync"/>).</summary>
/// <param name="Request">The request: a script, with its reference, metadata and timestamp when given.</param>
/// <param name="IdempotencyKey">Its idempotency key, or null.</param>
public sealed record StagedScript(CreateTransaction Request, string? IdempotencyKey)
{
    /// <summary>The script.</summary>
    public TransactionScript Script => Request.Script ?? throw new InvalidOperationException("A staged write is a script.");

    /// <summary>Transaction metadata the request sets.</summary>
    public IReadOnlyDictionary<string, string> Metadata => Request.Metadata ?? new Dictionary<string, string>();
}
