namespace WalletFlow.Numscript;

/// <summary>The outcome of running a script: postings and metadata, or a typed error.</summary>
public sealed class NumscriptResult
{
    private NumscriptResult(
        IReadOnlyList<Posting> postings,
        IReadOnlyDictionary<string, string> transactionMetadata,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> accountMetadata,
        NumscriptRuntimeError? error)
    {
        Postings = postings;
        TransactionMetadata = transactionMetadata;
        AccountMetadata = accountMetadata;
        Error = error;
    }

    public IReadOnlyList<Posting> Postings { get; }

    public IReadOnlyDictionary<string, string> TransactionMetadata { get; }

    /// <summary>Metadata the script set, per account.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> AccountMetadata { get; }

    public NumscriptRuntimeError? Error { get; }

    public bool IsSuccess => Error is null;

    internal static NumscriptResult Success(
        IReadOnlyList<Posting> postings,
        IReadOnlyDictionary<string, string> transactionMetadata,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> accountMetadata) =>
        new(postings, transactionMetadata, accountMetadata, null);

    internal static NumscriptResult Failure(NumscriptRuntimeError error) =>
        new([], new Dictionary<string, string>(), new Dictionary<string, IReadOnlyDictionary<string, string>>(), error);
}
