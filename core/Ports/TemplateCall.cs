namespace WalletFlow.Core.Ports;

/// <summary>A use case's choice of template with its typed vars.</summary>
/// <param name="Template">A name from <see cref="Templates.TemplateNames"/>.</param>
/// <param name="Vars">Var name → typed value.</param>
public sealed record TemplateCall(string Template, IReadOnlyDictionary<string, TemplateVar> Vars);
