using System.Globalization;
using System.Numerics;
using System.Text.Json;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Stores;

/// <summary>
/// A receipt as stored on its idempotency claim. Amounts travel as strings (ledger integers can
/// exceed JSON's safe range), so a replay reads back exactly what was stored.
/// </summary>
public static class ReceiptJson
{
    public static string Write(MovementReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return JsonSerializer.Serialize(new Stored(
            receipt.CommandId, receipt.Operation, receipt.TransactionId, receipt.At,
            receipt.Postings.Select(p => new StoredPosting(p.Source.Value, p.Destination.Value, p.Amount.ToString(CultureInfo.InvariantCulture), p.Asset)).ToList(),
            receipt.Attributes));
    }

    public static MovementReceipt Read(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json) ?? throw new InvalidDataException("An empty stored receipt.");
        return new MovementReceipt(stored.CommandId, stored.Operation, stored.TransactionId, stored.At,
            stored.Postings.Select(p => new Posting(new AccountAddress(p.Source), new AccountAddress(p.Destination),
                BigInteger.Parse(p.Amount, CultureInfo.InvariantCulture), p.Asset)).ToList(),
            stored.Attributes);
    }

    private sealed record Stored(
        string CommandId,
        string Operation,
        long TransactionId,
        DateTimeOffset At,
        IReadOnlyList<StoredPosting> Postings,
        IReadOnlyDictionary<string, string> Attributes);

    private sealed record StoredPosting(string Source, string Destination, string Amount, string Asset);
}
