using System.Globalization;
using System.Numerics;

namespace WalletFlow.Numscript;

// Runtime values. ToString() is the upstream stringification used for metadata ("USD/2 7", "3/25").

internal abstract record Value
{
    public abstract string TypeName { get; }
}

internal sealed record AccountValue(string Name) : Value
{
    public override string TypeName => NumscriptTypes.Account;

    public override string ToString() => Name;
}

internal sealed record AssetValue(string Name) : Value
{
    public override string TypeName => NumscriptTypes.Asset;

    public override string ToString() => Name;
}

internal sealed record NumberValue(BigInteger Amount) : Value
{
    public override string TypeName => NumscriptTypes.Number;

    public override string ToString() => Amount.ToString(CultureInfo.InvariantCulture);
}

internal sealed record MonetaryValue(string Asset, BigInteger Amount) : Value
{
    public override string TypeName => NumscriptTypes.Monetary;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Asset} {Amount}");
}

internal sealed record PortionValue(Portion Portion) : Value
{
    public override string TypeName => NumscriptTypes.Portion;

    public override string ToString() => Portion.ToString();
}

internal sealed record StringValue(string Text) : Value
{
    public override string TypeName => NumscriptTypes.String;

    public override string ToString() => Text;
}
