using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace WalletFlow.Numscript;

/// <summary>JSON in and out for the CLI: variables, balances and metadata in; postings and metadata out.</summary>
public static class NumscriptJson
{
    /// <summary>Reads <c>{"name": "value"}</c>; numbers are accepted and kept as their text.</summary>
    public static Dictionary<string, string> ReadVariables(string? json)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
            return variables;
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            variables[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : property.Value.GetRawText();
        }
        return variables;
    }

    /// <summary>
    /// Balances as the specs list them (<c>[{"account","asset","amount","color"?}]</c>) or as the ledger
    /// does (<c>{"account": {"ASSET": amount}}</c>); metadata as <c>{"account": {"key": "value"}}</c>.
    /// </summary>
    public static InMemoryAccountStore ReadStore(string? balancesJson, string? metadataJson)
    {
        var store = new InMemoryAccountStore();
        if (!string.IsNullOrWhiteSpace(balancesJson))
        {
            using var balances = JsonDocument.Parse(balancesJson);
            if (balances.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var row in balances.RootElement.EnumerateArray())
                {
                    var color = row.TryGetProperty("color", out var c) ? c.GetString() : null;
                    store.SetBalance(row.GetProperty("account").GetString()!, AssetName.Colored(row.GetProperty("asset").GetString()!, color), Amount(row.GetProperty("amount")));
                }
            }
            else
            {
                foreach (var account in balances.RootElement.EnumerateObject())
                {
                    foreach (var asset in account.Value.EnumerateObject())
                        store.SetBalance(account.Name, asset.Name, Amount(asset.Value));
                }
            }
        }
        if (!string.IsNullOrWhiteSpace(metadataJson))
        {
            using var metadata = JsonDocument.Parse(metadataJson);
            foreach (var account in metadata.RootElement.EnumerateObject())
            {
                foreach (var entry in account.Value.EnumerateObject())
                    store.SetMetadata(account.Name, entry.Name, entry.Value.GetString() ?? entry.Value.GetRawText());
            }
        }
        return store;
    }

    private static BigInteger Amount(JsonElement element) =>
        BigInteger.Parse(element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>{"postings": [...], "txMetadata": {...}, "accountMetadata": {...}}</c>; amounts are JSON
    /// integers of any size (never rounded through a double).
    /// </summary>
    public static string WriteResult(NumscriptResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("postings");
            foreach (var posting in result.Postings)
            {
                writer.WriteStartObject();
                writer.WriteString("source", posting.Source);
                writer.WriteString("destination", posting.Destination);
                writer.WritePropertyName("amount");
                writer.WriteRawValue(posting.Amount.ToString(CultureInfo.InvariantCulture));
                writer.WriteString("asset", posting.Asset);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartObject("txMetadata");
            foreach (var (key, value) in result.TransactionMetadata)
                writer.WriteString(key, value);
            writer.WriteEndObject();
            writer.WriteStartObject("accountMetadata");
            foreach (var (account, entries) in result.AccountMetadata)
            {
                writer.WriteStartObject(account);
                foreach (var (key, value) in entries)
                    writer.WriteString(key, value);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
