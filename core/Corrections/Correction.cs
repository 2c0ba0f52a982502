using WalletFlow.Core.Monetary;

namespace WalletFlow.Core.Corrections;

/// <summary>A correction as the corrections table holds it.</summary>
/// <param name="CorrectionId">Its id (also its workflow's instance id).</param>
/// <param name="Kind">Adjustment or reversal.</param>
/// <param name="WalletId">An adjustment's wallet (null for a reversal).</param>
/// <param name="Credit">An adjustment's credit to the wallet (zero when none; null for a reversal).</param>
/// <param name="Debit">An adjustment's debit from the wallet (zero when none; null for a reversal).</param>
/// <param name="ReverseTransactionId">A reversal's ledger transaction (null for an adjustment).</param>
/// <param name="Reason">Why, as the maker wrote it.</param>
/// <param name="Evidence">What supports it (ticket, statement line, document reference).</param>
/// <param name="Status">Where it is.</param>
/// <param name="RequestedBy">The maker (a principal's actor name).</param>
/// <param name="RequestedAt">When it was asked for.</param>
/// <param name="ExpiresAt">Undecided by then, it expires and posts nothing.</param>
/// <param name="DecidedBy">The checker, once decided.</param>
/// <param name="DecidedAt">When it was decided.</param>
/// <param name="Comment">The checker's comment.</param>
/// <param name="LedgerTransactionId">The ledger transaction it posted, once Posted.</param>
/// <param name="Detail">Why it was refused, when it was.</param>
/// <param name="UpdatedAt">Its last change.</param>
public sealed record Correction(
    string CorrectionId,
    CorrectionKind Kind,
    string? WalletId,
    Money? Credit,
    Money? Debit,
    long? ReverseTransactionId,
    string Reason,
    string Evidence,
    CorrectionStatus Status,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset ExpiresAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Comment,
    long? LedgerTransactionId,
    string? Detail,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Whether nothing more will happen to it.</summary>
    public bool IsFinished => Status is CorrectionStatus.Rejected or CorrectionStatus.Expired or CorrectionStatus.Posted or CorrectionStatus.Refused;
}
