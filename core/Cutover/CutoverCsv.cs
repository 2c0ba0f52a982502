using System.Text;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Cutover;

/// <summary>
/// The legacy balances file (issue 18): CSV (RFC 4180 quoting, one record per line) with the header
/// <c>wallet_id,owner_id,currency,balance,legacy_ref</c> and one wallet per row, the balance in major
/// units of the wallet's currency. Every line is checked before anything is written, and every problem
/// is reported with its line: an unknown currency, more decimals than the currency has, a negative
/// balance, a wallet twice, a malformed line or header. Blank lines are skipped.
/// </summary>
public static class CutoverCsv
{
    /// <summary>The header, column by column.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["wallet_id", "owner_id", "currency", "balance", "legacy_ref"];

    /// <summary>The header line as a file must start.</summary>
    public static string Header => string.Join(',', Columns);

    /// <summary>Checks the whole file; <see cref="CutoverFileCheck.IsValid"/> only when every line is good.</summary>
    public static CutoverFileCheck Check(string? text)
    {
        var rows = new List<CutoverRow>();
        var errors = new List<CutoverLineError>();
        var lines = (text ?? "").TrimStart('\uFEFF').Split('\n');
        var firstWallet = new Dictionary<string, int>(StringComparer.Ordinal);
        var header = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var line = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            if (line.Trim().Length == 0)
                continue;
            var fields = Split(line);
            if (header < 0)
            {
                header = lineNumber;
                if (fields is null || fields.Count != Columns.Count
                    || !fields.Select(f => f.Trim()).SequenceEqual(Columns, StringComparer.OrdinalIgnoreCase))
                    errors.Add(new CutoverLineError(lineNumber, null, $"the header must be '{Header}'."));
                continue;
            }
            if (fields is null)
            {
                errors.Add(new CutoverLineError(lineNumber, null, "malformed line: a quoted field is not closed, or a quote is followed by more text."));
                continue;
            }
            if (fields.Count != Columns.Count)
            {
                errors.Add(new CutoverLineError(lineNumber, null, $"malformed line: {fields.Count} field(s), the header has {Columns.Count}."));
                continue;
            }
            if (CheckRow(lineNumber, fields, errors) is { } row)
            {
                if (firstWallet.TryGetValue(row.WalletId, out var first))
                    errors.Add(new CutoverLineError(lineNumber, "wallet_id", $"duplicate wallet '{row.WalletId}': already on line {first}."));
                else
                {
                    firstWallet[row.WalletId] = lineNumber;
                    rows.Add(row);
                }
            }
        }
        if (header < 0)
            errors.Add(new CutoverLineError(1, null, $"the file is empty: it must start with the header '{Header}'."));
        else if (rows.Count == 0 && errors.Count == 0)
            errors.Add(new CutoverLineError(header, null, "the file has a header and no rows."));
        return new CutoverFileCheck(errors.Count == 0 ? rows : [], errors);
    }

    private static CutoverRow? CheckRow(int line, List<string> fields, List<CutoverLineError> errors)
    {
        var before = errors.Count;
        var walletId = Field(line, "wallet_id", MovementInput.Id(fields[0].Trim(), "wallet_id"), errors);
        var ownerId = Field(line, "owner_id", MovementInput.Text(fields[1].Trim(), "owner_id", 128), errors);
        var currency = Field(line, "currency", MovementInput.Currency(fields[2].Trim(), "currency"), errors);
        Money balance = default;
        var amount = fields[3].Trim();
        if (currency != default)
        {
            if (amount.Length == 0)
                errors.Add(new CutoverLineError(line, "balance", "a balance is required."));
            else if (amount.StartsWith('-'))
                errors.Add(new CutoverLineError(line, "balance", $"negative balance '{amount}': a legacy balance is zero or more."));
            else
                balance = Field(line, "balance", Money.Parse(amount, currency), errors);
        }
        var legacyRef = fields[4].Trim();
        if (legacyRef.Length > 0)
            Field(line, "legacy_ref", MovementInput.Text(legacyRef, "legacy_ref", 128), errors);
        return errors.Count == before
            ? new CutoverRow(line, walletId!, ownerId!, balance, legacyRef.Length > 0 ? legacyRef : null)
            : null;
    }

    private static T? Field<T>(int line, string column, Results.Result<T> value, List<CutoverLineError> errors)
    {
        if (value.TryGetValue(out var ok, out var rejected))
            return ok;
        var message = rejected is InvalidRequest invalid ? invalid.Reason : rejected.Message;
        errors.Add(new CutoverLineError(line, column, $"{rejected.Code}: {message}"));
        return default;
    }

    /// <summary>The fields of one line (RFC 4180 quoting within the line), or null when its quoting is broken.</summary>
    private static List<string>? Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                        return null; // not closed
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',')
                    return null; // text after the closing quote
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    if (line[i] == '"')
                        return null; // a quote inside an unquoted field
                    field.Append(line[i++]);
                }
            }
            fields.Add(field.ToString());
            if (i >= line.Length)
                return fields;
            i++; // the comma
        }
    }
}
