using WalletFlow.Core.Accounts;

namespace WalletFlow.Adapters.Templates;

/// <summary>
/// One var a template declares: its Numscript type and what the note on its declaration line says
/// (see <see cref="DeclarationNotes"/>): for an account, the kinds it accepts and the wallet var it
/// must share a wallet with; for a monetary, the accounts whose currency it must be in.
/// </summary>
public sealed record TemplateDeclaration(string Name, string Type, IReadOnlySet<AccountKind> Kinds)
{
    /// <summary>The wallet account var this hold or reserve must belong to the wallet of.</summary>
    public string? SameWalletAs { get; init; }

    /// <summary>Account vars whose currency (or, when <c>Counter</c>, FX counter currency) this amount must be in.</summary>
    public IReadOnlyList<(string Account, bool Counter)> CurrencyOf { get; init; } = [];
}
