using WalletFlow.Core.Accounts;

namespace WalletFlow.Adapters.Templates;

/// <summary>
/// One var a template declares: its Numscript type and, for an account, what its declaration line's
/// note says: the account kinds it accepts (<c>// kinds: WalletHold</c>) and, optionally, the wallet
/// account var it must share a wallet with (<c>; same wallet as $wallet</c>).
/// </summary>
public sealed record TemplateDeclaration(string Name, string Type, IReadOnlySet<AccountKind> Kinds, string? SameWalletAs = null);
