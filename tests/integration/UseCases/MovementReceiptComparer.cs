using WalletFlow.Core.Movements;

namespace WalletFlow.Tests.Integration.UseCases;

/// <summary>Receipts compared by value, lists and dictionaries included (records compare those by reference).</summary>
internal sealed class MovementReceiptComparer : IEqualityComparer<MovementReceipt>
{
    public static MovementReceiptComparer Instance { get; } = new();

    public bool Equals(MovementReceipt? x, MovementReceipt? y) =>
        x is not null && y is not null &&
        x.CommandId == y.CommandId && x.Operation == y.Operation && x.TransactionId == y.TransactionId &&
        x.At == y.At && x.Postings.SequenceEqual(y.Postings) &&
        x.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).SequenceEqual(y.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal));

    public int GetHashCode(MovementReceipt obj) => obj.CommandId.GetHashCode(StringComparison.Ordinal);
}
