using System.Globalization;
using System.Text;

namespace WalletFlow.Tests.Integration.Fuzz;

/// <summary>
/// The catalogue of hostile values the fuzzer draws from: ids no id rule admits, amounts no money rule
/// admits, raw JSON of the wrong type, bodies that are not JSON at all. Every draw takes the caller's
/// seeded <see cref="Random"/>, so a seed names one sequence of requests.
/// </summary>
public static class HostileValues
{
    /// <summary>One mebibyte: twice what any v1 body may be and far past what the ledger API reads.</summary>
    public const int LargeBodyChars = 1024 * 1024;

    /// <summary>Deeper than any JSON reader here allows (System.Text.Json stops at 64).</summary>
    public const int DeepNesting = 10_000;

    /// <summary>Ids with characters no id, address segment or ledger name admits.</summary>
    public static readonly string[] Ids =
    [
        "w\u0000", "\u0000", "w\nx", "w\r\nSet-Cookie: x=1", "w\u202Eniam", "\u202E", "w x", " ", "w\t", "w:main", "wallets:victim:main",
        "'; DROP TABLE walletflow.commands;--", "' OR '1'='1", "1; SELECT pg_sleep(10)--", "w%00", "../../etc/passwd", "w/../x",
        "\uD800", "w\uFFFF", "\u0661\u0662", "ｗ", "w\u200B", "w\u0085", "\u00A0", new string('w', 65), new string('x', 5000),
        "${jndi:ldap://x}", "<script>alert(1)</script>", "w\\x", "w\"x", "w'x", "w;x", "w,x", "w*", "w?",
    ];

    /// <summary>Free text that must be stored as text, never run: for reason, evidence and reference fields.</summary>
    public static readonly string[] Texts =
    [
        "'; DROP TABLE ledger.transactions;--", "Robert'); DELETE FROM walletflow.commands;--", "\u202Egnp.exe", "a\u0000b", "line\nbreak",
        "\uDC00", "$(reboot)", "{{7*7}}", "%s%s%n", "\u0007\u001B[31m", new string('t', 300),
    ];

    /// <summary>Amount strings no currency admits: negative, zero, too precise, out of range, not numbers.</summary>
    public static readonly string[] AmountStrings =
    [
        "-1", "-0.01", "0", "0.00", "-0", "1e400", "1E3", "1.001", "0.000000001", "NaN", "Infinity", "-Infinity", "", " ", "1 000", "1,00",
        " 1", "1 ", "+1", "0x10", "١٠", "1\u0000", "10.00\n", "9223372036854775808", "-9223372036854775809", TenToThe(80), "-" + TenToThe(80),
        TenToThe(400), "1" + new string('0', 5000), "1.", ".5", "1..2", "1e-400",
    ];

    /// <summary>Raw JSON numbers where strings belong (or as amounts in the ledger API, where they must fail).</summary>
    public static readonly string[] RawNumbers =
    [
        "1e400", "-1e400", "-1", "0", TenToThe(80), "-" + TenToThe(80), "1" + new string('0', 5000), "9223372036854775808",
        "-9223372036854775809", "1.5", "-0", "1E+308", "4.9e-324",
    ];

    /// <summary>Raw JSON of every type but string (a string field given any of these cannot bind).</summary>
    public static readonly string[] NotStrings =
    [
        "1", "-1", "1e400", "true", "false", "[]", "{}", "[\"w\"]", "{\"$ne\":null}", "{\"walletId\":\"w\"}", TenToThe(80),
    ];

    /// <summary>JSON that ends too early or goes on too long: never well-formed.</summary>
    public static readonly string[] MalformedBodies =
    [
        "{", "}", "{\"walletId\":", "{\"walletId\":\"w\"", "{\"walletId\":\"w\",}", "{walletId:\"w\"}", "{'walletId':'w'}", "[1,2,]",
        "{\"a\":1}{\"b\":2}", "{\"a\":1} x", "nul", "tru", "\"unterminated", "{\"a\":\"\u0001\"}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":NaN}",
        "{\"a\":Infinity}", "{\"a\":1,,\"b\":2}", "\uFEFF\uFEFF{}", "{\"a\":\"\\u00\"}", "{\"a\":\"\\x41\"}", "{\"a\" \"b\"}", "{\"a\":1 /* c */}",
    ];

    /// <summary>Content types that are not JSON (and one without a type at all).</summary>
    public static readonly string?[] NotJsonContentTypes =
    [
        "text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/xml", "text/html", "application/octet-stream", "application/jsonx", "application/json-patch", "image/png", null,
    ];

    /// <summary>Numscript that can never parse: unbalanced, too deep, too long, or not Numscript.</summary>
    public static string BrokenScript(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Next(8) switch
        {
            6 => "set_tx_meta(\"k\", \"a\u0000\")\nsend [NGN/2 1] (source = @world destination = @fz:x)", // valid, but the value cannot be stored
            7 => "send [NGN/2 1] (source = @world destination = @fz:x\n)\u0000",
            0 => new string('(', DeepNesting), // the stack overflow of issue 16
            1 => string.Concat(Enumerable.Repeat("send [USD/2 1] ( ", 2_000)),
            2 => ")" + RandomText(random, 200),
            3 => "send [USD/2 " + TenToThe(90) + "] (source = @world destination = @x",
            4 => new string('x', 70 * 1024),
            _ => "vars { monetary $m }\u0000send $m (",
        };
    }

    /// <summary><c>1</c> followed by <paramref name="zeros"/> zeros.</summary>
    public static string TenToThe(int zeros) => "1" + new string('0', zeros);

    public static T Pick<T>(Random random, IReadOnlyList<T> values)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(values);
        return values[random.Next(values.Count)];
    }

    /// <summary>A JSON string literal of <paramref name="value"/>, escaped the way a JSON writer would (lone surrogates as \u escapes).</summary>
    public static string JsonString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                default:
                    if (c < 0x20 || char.IsSurrogate(c))
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        text.Append(c);
                    break;
            }
        }
        return text.Append('"').ToString();
    }

    /// <summary><see cref="DeepNesting"/> arrays or objects, each inside the last.</summary>
    public static string DeepJson(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Next(3) switch
        {
            0 => new string('[', DeepNesting) + new string(']', DeepNesting),
            1 => string.Concat(Enumerable.Repeat("{\"a\":", DeepNesting)) + "1" + new string('}', DeepNesting),
            _ => new string('[', DeepNesting), // deep and unterminated
        };
    }

    /// <summary>A JSON string literal of about one mebibyte.</summary>
    public static string LargeJsonString(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return "\"" + new string((char)('a' + random.Next(26)), LargeBodyChars) + "\"";
    }

    /// <summary>Bytes that cannot start a JSON document (a control byte, an invalid UTF-8 lead byte), then noise.</summary>
    public static byte[] RandomBytes(Random random, int length)
    {
        ArgumentNullException.ThrowIfNull(random);
        var bytes = new byte[Math.Max(1, length)];
        random.NextBytes(bytes);
        byte[] leads = [0x00, 0x01, 0x07, 0x1B, 0x7F, 0xC0, 0xFF, 0xFE];
        bytes[0] = leads[random.Next(leads.Length)];
        return bytes;
    }

    /// <summary>Printable junk with the characters that break naive parsers.</summary>
    public static string RandomText(Random random, int length)
    {
        ArgumentNullException.ThrowIfNull(random);
        const string alphabet = "abcXYZ019 ()[]{}@$:;,.'\"\\/-+*=<>!?%&#~`^|_\t";
        var text = new char[length];
        for (var i = 0; i < length; i++)
            text[i] = alphabet[random.Next(alphabet.Length)];
        return new string(text);
    }

    /// <summary>
    /// Header values HttpClient will send (printable ASCII: it refuses CR, LF, NUL and non-ASCII) that no
    /// header here accepts as valid.
    /// </summary>
    public static readonly string[] HeaderValues =
    [
        "", " ", "'; DROP TABLE x;--", "Bearer", "Bearer ", "Bearer wf_", "Bearer wf_" + new string('A', 43), "bearer  wf_x", "Basic d2Y6eA==",
        "Token abc", "Bearer " + new string('x', 8000), "Bearer null", "Bearer ${jndi:x}", "Negotiate", "Bearer eyJhbGciOiJub25lIn0.e30.",
    ];
}
