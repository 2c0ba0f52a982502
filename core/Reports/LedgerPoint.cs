using System.Globalization;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Reports;

/// <summary>
/// A past point of the ledger a report is computed at: just after a transaction (its id) or at a
/// date. Both resolve to a date: the ledger's point in time (Formance's <c>pit</c>) counts every
/// transaction dated up to and including it.
/// </summary>
public readonly record struct LedgerPoint
{
    private LedgerPoint(long? transactionId, DateTimeOffset? date)
    {
        TransactionId = transactionId;
        Date = date;
    }

    /// <summary>The transaction id, when the point is "as of transaction N".</summary>
    public long? TransactionId { get; }

    /// <summary>The date, when the point is a date.</summary>
    public DateTimeOffset? Date { get; }

    /// <summary>After transaction <paramref name="id"/>.</summary>
    public static LedgerPoint AfterTransaction(long id) =>
        id >= 0 ? new(id, null) : throw new ArgumentOutOfRangeException(nameof(id), id, "A transaction id is not negative.");

    /// <summary>At <paramref name="date"/>.</summary>
    public static LedgerPoint At(DateTimeOffset date) => new(null, date.ToUniversalTime());

    /// <summary>A transaction id (digits) or an ISO 8601 date-time (UTC when no offset is given).</summary>
    public static Result<LedgerPoint> Parse(string text, string field = "asOf")
    {
        if (string.IsNullOrWhiteSpace(text))
            return InvalidRequest.For(field, "is empty");
        if (text.All(char.IsAsciiDigit))
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? AfterTransaction(id)
                : InvalidRequest.For(field, $"'{text}' is not a transaction id");
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? At(date)
            : InvalidRequest.For(field, $"'{text}' is neither a transaction id nor an ISO 8601 date-time");
    }

    /// <inheritdoc />
    public override string ToString() =>
        TransactionId is { } id ? id.ToString(CultureInfo.InvariantCulture) : Date!.Value.ToString("O", CultureInfo.InvariantCulture);
}
