using System.Numerics;

namespace WalletFlow.Adapters.Ledger;

// The embedded ledger's vocabulary, shaped like Formance Ledger v2's (formance-v2.md), so the HTTP
// API serialises these records directly and the contract suite compares like with like.

/// <summary>One movement of <see cref="Amount"/> of <see cref="Asset"/> from source to destination.</summary>
public sealed record Posting(string Source, string Destination, BigInteger Amount, string Asset);

/// <summary>What an account has received and sent of one asset; balance = input − output.</summary>
public sealed record Volumes(BigInteger Input, BigInteger Output)
{
    public static readonly Volumes Zero = new(BigInteger.Zero, BigInteger.Zero);
    public BigInteger Balance => Input - Output;
}

/// <summary>A Numscript program and its variables, as Formance takes them.</summary>
public sealed record TransactionScript(string Plain, IReadOnlyDictionary<string, string>? Vars);

/// <summary>A request to write a transaction: postings or a script, never both.</summary>
public sealed record CreateTransaction(
    IReadOnlyList<Posting>? Postings,
    TransactionScript? Script = null,
    string? Reference = null,
    IReadOnlyDictionary<string, string>? Metadata = null,
    DateTimeOffset? Timestamp = null,
    bool Force = false);

/// <summary>A committed transaction, with the volumes of the accounts it touched before and after it.</summary>
public sealed record LedgerTransaction(
    long Id,
    DateTimeOffset Timestamp,
    DateTimeOffset InsertedAt,
    IReadOnlyList<Posting> Postings,
    string? Reference,
    IReadOnlyDictionary<string, string> Metadata,
    bool Reverted,
    DateTimeOffset? RevertedAt,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, Volumes>>? PreCommitVolumes = null,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, Volumes>>? PostCommitVolumes = null);

/// <summary>An account: metadata always, volumes per asset when asked for.</summary>
public sealed record LedgerAccount(
    string Address,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset? FirstUsage,
    IReadOnlyDictionary<string, Volumes>? Volumes);

/// <summary>A ledger of the embedded ledger service.</summary>
public sealed record LedgerInfo(string Name, string Bucket, IReadOnlyDictionary<string, string> Metadata, DateTimeOffset AddedAt);

/// <summary>One entry of a ledger's append-only, hash-chained log; <see cref="Hash"/> is null until sealed.</summary>
public sealed record LedgerLogEntry(long Id, string Type, string Data, DateTimeOffset Date, byte[]? Hash);
