using System.Globalization;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Ports;
using WalletFlow.Numscript;

namespace WalletFlow.Adapters.Templates;

/// <summary>
/// A typed template var as the Numscript type it fills and the text Formance reads for that type:
/// <c>NGN/2 150000</c>, <c>NGN/2</c>, <c>1/3</c>, <c>wallets:w1:main</c>. The only place a value
/// becomes text, so no amount is ever concatenated into a script.
/// </summary>
public static class TemplateVarText
{
    /// <summary>The Numscript type name a var fills (<c>account</c>, <c>monetary</c>, …).</summary>
    public static string TypeOf(TemplateVar value) => value switch
    {
        TemplateVar.Account => NumscriptTypes.Account,
        TemplateVar.Monetary => NumscriptTypes.Monetary,
        TemplateVar.Asset => NumscriptTypes.Asset,
        TemplateVar.Number => NumscriptTypes.Number,
        TemplateVar.Portion => NumscriptTypes.Portion,
        TemplateVar.Text => NumscriptTypes.String,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "unknown template var"),
    };

    /// <summary>Why the value cannot fill a var (a negative amount, a portion outside 0..1), or null.</summary>
    public static string? Problem(TemplateVar value) => value switch
    {
        TemplateVar.Monetary { Amount.IsNegative: true } m => $"amount {m.Amount} is negative",
        TemplateVar.Portion p when p.Denominator.Sign <= 0 => $"portion {p.Numerator}/{p.Denominator} needs a denominator above zero",
        TemplateVar.Portion p when p.Numerator.Sign < 0 || p.Numerator > p.Denominator =>
            $"portion {p.Numerator}/{p.Denominator} is not between 0 and 1",
        TemplateVar.Text { Value: null } => "text is null",
        _ => null,
    };

    /// <summary>The value in Formance's string form for its type.</summary>
    public static string Render(TemplateVar value) => value switch
    {
        TemplateVar.Account a => a.Address.Value,
        TemplateVar.Monetary m => string.Create(CultureInfo.InvariantCulture, $"{LedgerAsset.For(m.Amount.Currency)} {m.Amount.MinorUnits}"),
        TemplateVar.Asset a => a.Value.ToString(),
        TemplateVar.Number n => n.Value.ToString(CultureInfo.InvariantCulture),
        TemplateVar.Portion p => string.Create(CultureInfo.InvariantCulture, $"{p.Numerator}/{p.Denominator}"),
        TemplateVar.Text t => t.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "unknown template var"),
    };
}
