using System.Text;

namespace WalletFlow.Core.Seed;

/// <summary>
/// RFC 4180 CSV, just enough for the seed tables: quoted fields with <c>""</c> escapes and commas or
/// newlines inside quotes. Reading takes a string or <see cref="TextReader"/> (core does no file I/O);
/// writing always uses <c>\n</c> and quotes only when needed, so generated files are byte-stable.
/// </summary>
public static class Csv
{
    /// <summary>Parses every non-blank record; a malformed quote is reported as a record-level error.</summary>
    public static IReadOnlyList<CsvRecord> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Read(reader.ReadToEnd());
    }

    /// <summary>Parses every non-blank record of <paramref name="text"/>.</summary>
    public static IReadOnlyList<CsvRecord> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var fieldWasQuoted = false;
        var i = 0;

        void EndField()
        {
            fields.Add(fieldWasQuoted ? field.ToString() : field.ToString().Trim());
            field.Clear();
            fieldWasQuoted = false;
        }

        void EndRecord()
        {
            EndField();
            if (!(fields.Count == 1 && fields[0].Length == 0))
                records.Add(new CsvRecord(recordLine, [.. fields]));
            fields.Clear();
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                if (c == '"') { inQuotes = false; i++; continue; }
                if (c == '\n') line++;
                field.Append(c);
                i++;
                continue;
            }
            switch (c)
            {
                case '"' when field.ToString().Trim().Length == 0:
                    field.Clear();
                    inQuotes = true;
                    fieldWasQuoted = true;
                    break;
                case ',':
                    EndField();
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
            i++;
        }
        if (field.Length > 0 || fields.Count > 0 || fieldWasQuoted)
            EndRecord();
        return records;
    }

    /// <summary>Formats one record: fields quoted only when they hold a comma, quote or newline.</summary>
    public static string FormatRecord(IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return string.Join(',', fields.Select(Quote));
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
