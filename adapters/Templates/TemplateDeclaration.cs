using WalletFlow.Core.Accounts;

namespace WalletFlow.Adapters.Templates;

/// <summary>
/// One var a template declares: its Numscript type and, for an account, the account kinds it accepts
/// (from the <c>// kinds: …</c> note on its declaration line).
/// </summary>
public sealed record TemplateDeclaration(string Name, string Type, IReadOnlySet<AccountKind> Kinds);
