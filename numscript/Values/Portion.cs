using System.Globalization;
using System.Numerics;

namespace WalletFlow.Numscript;

/// <summary>An exact non-negative rational (a Numscript portion). Always stored in lowest terms.</summary>
public readonly record struct Portion
{
    public Portion(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
            throw new DivideByZeroException("a portion cannot have a zero denominator");
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsZero && !gcd.IsOne)
        {
            numerator /= gcd;
            denominator /= gcd;
        }
        Numerator = numerator;
        Denominator = denominator;
    }

    public BigInteger Numerator { get; }

    public BigInteger Denominator { get; }

    public static Portion Zero => new(0, 1);

    public static Portion One => new(1, 1);

    public static Portion operator +(Portion a, Portion b) =>
        new((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Portion operator -(Portion a, Portion b) =>
        new((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public int CompareTo(Portion other) =>
        (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary>floor(this × amount), the upstream allotment share before remainder distribution.</summary>
    public BigInteger FloorOf(BigInteger amount) => BigInteger.Divide(Numerator * amount, Denominator);

    /// <summary>Parses <c>1/3</c>, <c>15%</c> or <c>12.5%</c> exactly.</summary>
    public static bool TryParse(string text, out Portion portion)
    {
        portion = Zero;
        text = text.Trim();
        if (text.EndsWith('%'))
            return TryParsePercentage(text[..^1], out portion);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !BigInteger.TryParse(text[..slash].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var num)
            || !BigInteger.TryParse(text[(slash + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var den)
            || den.IsZero)
            return false;
        portion = new Portion(num, den);
        return true;
    }

    /// <summary>Parses the number part of a percentage (<c>35.5</c> for 35.5%).</summary>
    public static bool TryParsePercentage(string number, out Portion portion)
    {
        portion = Zero;
        var dot = number.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? number : number[..dot] + number[(dot + 1)..];
        var decimals = dot < 0 ? 0 : number.Length - dot - 1;
        if (digits.Length == 0 || !BigInteger.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return false;
        portion = new Portion(value, BigInteger.Pow(10, decimals) * 100);
        return true;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");
}
