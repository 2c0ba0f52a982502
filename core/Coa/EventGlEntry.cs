namespace WalletFlow.Core.Coa;

/// <summary>One leg of a template: which GL code it debits and which it credits (seed/event-gl.csv).</summary>
/// <param name="Template">A name from <see cref="Templates.TemplateNames"/>.</param>
/// <param name="Leg">1-based leg number within the template.</param>
/// <param name="Description">What the leg moves.</param>
/// <param name="DebitGl">GL code of the posting's source (its balance goes down: debit).</param>
/// <param name="CreditGl">GL code of the posting's destination (its balance goes up: credit).</param>
public sealed record EventGlEntry(string Template, int Leg, string Description, string DebitGl, string CreditGl);
