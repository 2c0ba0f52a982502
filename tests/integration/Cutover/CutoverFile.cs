using System.Globalization;
using System.Numerics;
using System.Text;

namespace WalletFlow.Tests.Integration.Cutover;

/// <summary>A legacy balances file for tests: rows spread over currencies of scale 0, 2, 3 and 6, some balances zero, and their totals.</summary>
public sealed class CutoverFile
{
    private static readonly (string Code, int Scale)[] Currencies = [("NGN", 2), ("USD", 2), ("JPY", 0), ("KWD", 3), ("USDT", 6)];

    private CutoverFile(string text, IReadOnlyList<(string WalletId, string Currency, long Minor)> rows)
    {
        Text = text;
        Rows = rows;
    }

    public string Text { get; }

    public IReadOnlyList<(string WalletId, string Currency, long Minor)> Rows { get; }

    /// <summary>Minor units per currency, as the file adds them up.</summary>
    public IReadOnlyDictionary<string, BigInteger> Totals =>
        Rows.GroupBy(r => r.Currency).ToDictionary(g => g.Key, g => g.Aggregate(BigInteger.Zero, (s, r) => s + r.Minor), StringComparer.Ordinal);

    /// <summary><paramref name="count"/> wallets with ids <c>{prefix}-{n}</c>; every seventh balance is zero.</summary>
    public static CutoverFile Of(int count, string prefix, int seed = 18)
    {
        var random = new Random(seed);
        var text = new StringBuilder("wallet_id,owner_id,currency,balance,legacy_ref\n");
        var rows = new List<(string, string, long)>();
        for (var i = 0; i < count; i++)
        {
            var (code, scale) = Currencies[i % Currencies.Length];
            var minor = i % 7 == 3 ? 0 : random.NextInt64(1, 5_000_000_000);
            var walletId = $"{prefix}-{i:D5}";
            var major = scale == 0 ? minor.ToString(CultureInfo.InvariantCulture)
                : (minor / (decimal)Math.Pow(10, scale)).ToString("F" + scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            // Some legacy refs need quoting (a comma, a quote) the way legacy exports write them.
            var legacyRef = i % 11 == 0 ? $"\"LEG,{i} \"\"old\"\"\"" : $"LEG-{i}";
            text.Append(CultureInfo.InvariantCulture, $"{walletId},owner-{i % 97},{code},{major},{legacyRef}\r\n");
            rows.Add((walletId, code, minor));
        }
        return new CutoverFile(text.ToString(), rows);
    }
}
