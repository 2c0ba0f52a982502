namespace WalletFlow.Core.Movements;

/// <summary>
/// What every text walletflow stores must be — a v1 reference or reason, a ledger reference, metadata
/// key or value, a script var — in one place: PostgreSQL refuses NUL (22021 in text, 22P05 in jsonb),
/// an unpaired surrogate cannot be encoded to UTF-8 at all, and the other control characters (a
/// newline, an escape) would forge lines in a log, a statement export or the console.
/// </summary>
public static class StorableText
{
    /// <summary>Why <paramref name="text"/> cannot be stored, as a phrase ("must not contain …"), or null when it can.</summary>
    public static string? Problem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x20 || c == 0x7F)
                return $"must not contain control characters (U+{(int)c:X4} at position {i})";
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                return $"must be valid Unicode (an unpaired surrogate at position {i})";
        }
        return null;
    }
}
