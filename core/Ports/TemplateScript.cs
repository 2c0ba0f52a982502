namespace WalletFlow.Core.Ports;

/// <summary>A filled template in the shape the ledger takes: Numscript text plus vars as strings.</summary>
/// <param name="Template">The template name.</param>
/// <param name="Plain">The Numscript source.</param>
/// <param name="Vars">Var name → value in Formance's string form (<c>NGN/2 150000</c>, <c>wallets:w1:main</c>).</param>
public sealed record TemplateScript(string Template, string Plain, IReadOnlyDictionary<string, string> Vars);
