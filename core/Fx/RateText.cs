using System.Globalization;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Fx;

/// <summary>Rates as requests carry them: a plain positive decimal string ("1530.25"), read without floating point.</summary>
public static class RateText
{
    /// <summary>The rate, or an <see cref="InvalidRequest"/> naming <paramref name="field"/>. No sign, exponent or grouping.</summary>
    public static Result<decimal> Parse(string? text, string field)
    {
        if (string.IsNullOrEmpty(text))
            return InvalidRequest.For(field, "A rate is required.");
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate))
            return InvalidRequest.For(field, $"'{(text.Length <= 40 ? text : text[..40] + "…")}' is not a plain decimal rate such as 1530.25.");
        return rate > 0 ? rate : InvalidRequest.For(field, "A rate must be above zero.");
    }

    /// <summary>The rate as the receipt, the ledger metadata and the canonical request write it.</summary>
    public static string Format(decimal rate) => rate.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A conversion's rounding residue (quote minor units, |r| &lt; 1) in major units of <paramref name="scale"/>,
    /// without trailing zeros: "0.005" for half a kobo.
    /// </summary>
    public static string FormatResidue(decimal residueMinorUnits, int scale)
    {
        var major = residueMinorUnits;
        for (var i = 0; i < scale; i++)
            major /= 10m;
        return major.ToString("0.############################", CultureInfo.InvariantCulture);
    }
}
