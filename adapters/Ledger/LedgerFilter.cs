using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using WalletFlow.Core.Movements;
using WalletFlow.Numscript;

namespace WalletFlow.Adapters.Ledger;

/// <summary>What a filter is applied to: accounts (alias <c>a</c>) or transactions (alias <c>t</c>).</summary>
public enum FilterTarget { Accounts, Transactions }

/// <summary>
/// Compiles Formance's filter document (<c>$match</c>, <c>$exists</c>, <c>$lt</c>/<c>$lte</c>/<c>$gt</c>/<c>$gte</c>,
/// <c>$and</c>/<c>$or</c>/<c>$not</c>) into one parameterised SQL condition. Every value travels as a
/// parameter; a malformed filter is a VALIDATION error naming what is wrong.
/// </summary>
public sealed partial class LedgerFilter
{
    private readonly FilterTarget _target;
    private readonly List<NpgsqlParameter> _parameters;

    private LedgerFilter(FilterTarget target, List<NpgsqlParameter> parameters)
    {
        _target = target;
        _parameters = parameters;
    }

    /// <summary>The SQL condition ("TRUE" for no filter); parameters are appended to <paramref name="parameters"/>.</summary>
    public static LedgerResult<string> Compile(JsonElement? filter, FilterTarget target, List<NpgsqlParameter> parameters)
    {
        if (filter is not { ValueKind: JsonValueKind.Object } document || !document.EnumerateObject().Any())
            return filter is null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.Object }
                ? LedgerResult<string>.Ok("TRUE")
                : LedgerError.Validation("a filter must be a JSON object");
        try
        {
            return LedgerResult<string>.Ok(new LedgerFilter(target, parameters).Node(document));
        }
        catch (FilterException e)
        {
            return LedgerError.Validation($"invalid filter: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json throws this reading a string or name whose escapes are not valid UTF-16
            // ("\ud800"); compiling reads nothing else, and it failed into a 500 (found by the fuzzer).
            return LedgerError.Validation("invalid filter: a string or field name is not valid Unicode (an unpaired surrogate escape)");
        }
    }

    private string Node(JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object)
            throw new FilterException("each condition must be an object");
        var parts = node.EnumerateObject().Select(op => op.Name switch
        {
            "$and" => Join(op.Value, " AND "),
            "$or" => Join(op.Value, " OR "),
            "$not" => $"NOT ({Node(op.Value)})",
            "$match" => Fields(op.Value, "="),
            "$lt" => Fields(op.Value, "<"),
            "$lte" => Fields(op.Value, "<="),
            "$gt" => Fields(op.Value, ">"),
            "$gte" => Fields(op.Value, ">="),
            "$exists" => Exists(op.Value),
            _ => throw new FilterException($"unknown operator '{op.Name}'"),
        }).ToList();
        return parts.Count == 0 ? "TRUE" : string.Join(" AND ", parts.Select(p => $"({p})"));
    }

    private string Join(JsonElement array, string separator)
    {
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
            throw new FilterException("$and and $or take a non-empty array");
        return string.Join(separator, array.EnumerateArray().Select(n => $"({Node(n)})"));
    }

    private string Fields(JsonElement fields, string op)
    {
        if (fields.ValueKind != JsonValueKind.Object)
            throw new FilterException("a comparison takes an object of field: value");
        return string.Join(" AND ", fields.EnumerateObject().Select(f => Field(f.Name, f.Value, op)));
    }

    private string Field(string name, JsonElement value, string op)
    {
        if (MetadataField().Match(name) is { Success: true } metadata)
        {
            RequireEquality(name, op);
            return $"{Alias}.metadata ->> {Param(metadata.Groups[1].Value)} = {Param(Text(name, value))}";
        }
        return (_target, name) switch
        {
            (FilterTarget.Accounts, "address") => Address($"{Alias}.address", name, value, op),
            (FilterTarget.Accounts, _) when BalanceField().Match(name) is { Success: true } balance =>
                "EXISTS (SELECT 1 FROM ledger.volumes v WHERE v.ledger = a.ledger AND v.address = a.address"
                + (balance.Groups[1].Success ? $" AND v.asset = {Param(balance.Groups[1].Value)}" : "")
                + $" AND (v.input - v.output) {op} {Param(Balance(name, value))})",
            (FilterTarget.Transactions, "account" or "source" or "destination") =>
                "EXISTS (SELECT 1 FROM ledger.moves m WHERE m.ledger = t.ledger AND m.tx_id = t.id"
                + (name == "source" ? " AND m.is_source" : name == "destination" ? " AND NOT m.is_source" : "")
                + $" AND {Address("m.address", name, value, op)})",
            (FilterTarget.Transactions, "reference") => Equality("t.reference", name, value, op),
            (FilterTarget.Transactions, "id") => $"t.id {op} {Param(Id(name, value))}",
            (FilterTarget.Transactions, "timestamp") => $"t.timestamp {op} {Param(Date(name, value))}",
            (FilterTarget.Transactions, "reverted") when value.ValueKind is JsonValueKind.True or JsonValueKind.False =>
                Equality("(t.reverted_at IS NOT NULL)", name, value.GetBoolean(), op),
            _ => throw new FilterException($"unknown field '{name}' for {_target.ToString().ToLowerInvariant()}"),
        };
    }

    private string Exists(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("metadata", out var key) || key.ValueKind != JsonValueKind.String)
            throw new FilterException("$exists takes {\"metadata\": \"key\"}");
        return $"jsonb_exists({Alias}.metadata, {Param(key.GetString()!)})";
    }

    private string Address(string column, string name, JsonElement value, string op)
    {
        RequireEquality(name, op);
        var pattern = AddressPattern.Parse(Text(name, value));
        if (!pattern.Succeeded)
            throw new FilterException(pattern.Error.Message);
        var placeholder = $"${_parameters.Count + 1}";
        var (sql, parameter) = pattern.Value.ToSql(column, placeholder);
        _parameters.Add(new NpgsqlParameter { Value = parameter });
        return sql;
    }

    private string Equality(string column, string name, object value, string op)
    {
        RequireEquality(name, op);
        return $"{column} = {Param(value is JsonElement e ? Text(name, e) : value)}";
    }

    private static void RequireEquality(string name, string op)
    {
        if (op != "=")
            throw new FilterException($"'{name}' can only be matched with $match");
    }

    private string Alias => _target == FilterTarget.Accounts ? "a" : "t";

    private string Param(object value)
    {
        // Nothing stored holds what StorableText refuses, and PostgreSQL refuses NUL even to compare
        // (22021): such a filter failed the query into a 500 (found by the fuzzer).
        if (value is string text && StorableText.Problem(text) is { } problem)
            throw new FilterException($"a filter string {problem}");
        _parameters.Add(new NpgsqlParameter { Value = value });
        return $"${_parameters.Count}";
    }

    private static string Text(string name, JsonElement value) => value.ValueKind == JsonValueKind.String
        ? value.GetString()!
        : throw new FilterException($"'{name}' takes a string");

    // Range-checked here, as a VALIDATION refusal: an id past a bigint once overflowed a cast into a
    // 500, and a balance past numeric(78,0) would fail in PostgreSQL.
    private static long Id(string name, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var id)
            ? id
            : throw new FilterException($"'{name}' takes an integer from {long.MinValue} to {long.MaxValue}");

    private static BigInteger Balance(string name, JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.Number ? value.GetRawText() : "";
        // The length first: a number of a million digits would cost its parse before the range check.
        if (text.Length <= MaxBalanceText
            && BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            && BigInteger.Abs(n) < NumscriptLimits.AmountLimit)
            return n;
        throw new FilterException($"'{name}' takes an integer of less than {NumscriptLimits.AmountLimitText} either side of zero (volumes are numeric(78,0))");
    }

    // A sign and 78 digits: the longest integer below 10^78 in magnitude (JSON has no leading zeros).
    private const int MaxBalanceText = 79;

    private static DateTimeOffset Date(string name, JsonElement value) =>
        value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d.ToUniversalTime()
            : throw new FilterException($"'{name}' takes an RFC 3339 date");

    // \z, not $: '$' also matches before a final "\n", so "balance\n" named a field.
    [GeneratedRegex(@"^metadata\[(.+)\]\z")]
    private static partial Regex MetadataField();

    [GeneratedRegex(@"^balance(?:\[(.+)\])?\z")]
    private static partial Regex BalanceField();

    private sealed class FilterException(string message) : Exception(message);
}
