using System.Numerics;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Monetary;

namespace WalletFlow.Core.Ports;

/// <summary>
/// A typed Numscript variable. Builders in core produce these, never script text, so an amount is
/// never concatenated into a script (design.md §4). The catalog checks each against the template's
/// declared var types.
/// </summary>
public abstract record TemplateVar
{
    private TemplateVar()
    {
    }

    /// <summary>An <c>account</c> var.</summary>
    /// <param name="Address">The account.</param>
    public sealed record Account(AccountAddress Address) : TemplateVar;

    /// <summary>A <c>monetary</c> var: <c>[NGN/2 150000]</c>.</summary>
    /// <param name="Amount">The amount.</param>
    public sealed record Monetary(Money Amount) : TemplateVar;

    /// <summary>An <c>asset</c> var: <c>NGN/2</c>.</summary>
    /// <param name="Value">The asset.</param>
    public sealed record Asset(LedgerAsset Value) : TemplateVar;

    /// <summary>A <c>number</c> var.</summary>
    /// <param name="Value">The number.</param>
    public sealed record Number(BigInteger Value) : TemplateVar;

    /// <summary>A <c>portion</c> var, a fraction from 0 to 1 (<c>1/3</c>, <c>12.5%</c>).</summary>
    /// <param name="Numerator">The numerator.</param>
    /// <param name="Denominator">The denominator, above zero.</param>
    public sealed record Portion(BigInteger Numerator, BigInteger Denominator) : TemplateVar;

    /// <summary>A <c>string</c> var.</summary>
    /// <param name="Value">The text.</param>
    public sealed record Text(string Value) : TemplateVar;
}
