using WalletFlow.Core.Corrections;

namespace WalletFlow.Api;

/// <summary>A correction as /v1 shows it, in both hosts, with its transitions when read one at a time.</summary>
public sealed record CorrectionResponse(
    string CorrectionId,
    string Kind,
    string Status,
    string? WalletId,
    ApiMoney? Credit,
    ApiMoney? Debit,
    long? ReverseTransactionId,
    string Reason,
    string Evidence,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset ExpiresAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Comment,
    long? LedgerTransactionId,
    string? Detail,
    DateTimeOffset UpdatedAt,
    string StatusUrl,
    IReadOnlyList<CorrectionTransitionResponse>? Transitions)
{
    public static CorrectionResponse From(Correction correction, IReadOnlyList<CorrectionTransition>? transitions = null)
    {
        ArgumentNullException.ThrowIfNull(correction);
        return new CorrectionResponse(correction.CorrectionId, correction.Kind.ToString(), correction.Status.ToString(), correction.WalletId,
            correction.Credit is { } credit ? ApiMoney.From(credit) : null, correction.Debit is { } debit ? ApiMoney.From(debit) : null,
            correction.ReverseTransactionId, correction.Reason, correction.Evidence, correction.RequestedBy, correction.RequestedAt, correction.ExpiresAt,
            correction.DecidedBy, correction.DecidedAt, correction.Comment, correction.LedgerTransactionId, correction.Detail, correction.UpdatedAt,
            $"/v1/corrections/{correction.CorrectionId}",
            transitions?.Select(t => new CorrectionTransitionResponse(t.Status.ToString(), t.Actor, t.Detail, t.At)).ToList());
    }
}

/// <summary>One step of a correction.</summary>
public sealed record CorrectionTransitionResponse(string Status, string Actor, string? Detail, DateTimeOffset At);
