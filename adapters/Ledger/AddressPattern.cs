using System.Text.RegularExpressions;

namespace WalletFlow.Adapters.Ledger;

/// <summary>
/// Formance's address filters: an exact address; empty segments match any one segment
/// (<c>wallets::main</c> matches <c>wallets:w1:main</c>); a trailing <c>:</c> matches by prefix
/// (<c>wallets:</c> matches every address under wallets).
/// </summary>
public sealed partial record AddressPattern
{
    private AddressPattern(string text) => Text = text;

    public string Text { get; }

    public static LedgerResult<AddressPattern> Parse(string text)
    {
        var body = text.EndsWith(':') ? text[..^1] : text;
        if (body.Length == 0 || !Segments().IsMatch(body))
            return LedgerError.Validation($"invalid address filter '{text}': ':'-separated segments of letters, digits, '_' or '-', empty segments for any");
        return LedgerResult<AddressPattern>.Ok(new AddressPattern(text));
    }

    /// <summary>A SQL condition on <paramref name="column"/>, with the pattern as parameter <paramref name="parameter"/>.</summary>
    public (string Sql, string Value) ToSql(string column, string parameter)
    {
        if (Text.EndsWith(':'))
            return ($"starts_with({column}, {parameter})", Text);
        if (!Text.Split(':').Any(s => s.Length == 0))
            return ($"{column} = {parameter}", Text);
        // Segments hold only [A-Za-z0-9_-] (checked by Parse), so they need no regex escaping.
        var regex = "^" + string.Join(':', Text.Split(':').Select(s => s.Length == 0 ? "[^:]+" : s)) + "$";
        return ($"{column} ~ {parameter}", regex);
    }

    public bool Matches(string address)
    {
        if (Text.EndsWith(':'))
            return address.StartsWith(Text, StringComparison.Ordinal);
        var want = Text.Split(':');
        var have = address.Split(':');
        return want.Length == have.Length && want.Zip(have).All(p => p.First.Length == 0 || p.First == p.Second);
    }

    // \z, not $: '$' also matches before a final "\n" (see LedgerSyntax).
    [GeneratedRegex(@"^[a-zA-Z0-9_-]*(:[a-zA-Z0-9_-]*)*\z")]
    private static partial Regex Segments();
}
