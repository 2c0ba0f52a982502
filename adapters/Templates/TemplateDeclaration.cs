using WalletFlow.Core.Accounts;

namespace WalletFlow.Adapters.Templates;

/// <summary>
/// One var of a template's signature (templates/signatures.csv, read by <see cref="TemplateSignatures"/>):
/// its Numscript type; for an account, the kinds it accepts and the wallet var it must share a wallet
/// with; for a monetary, the accounts whose currency it must be in.
/// </summary>
public sealed record TemplateDeclaration(string Name, string Type, IReadOnlySet<AccountKind> Kinds)
{
    /// <summary>The wallet account var this hold or reserve must belong to the wallet of.</summary>
    public string? SameWalletAs { get; init; }

    /// <summary>Account vars whose currency (or, when <c>Counter</c>, FX counter currency) this amount must be in.</summary>
    public IReadOnlyList<(string Account, bool Counter)> CurrencyOf { get; init; } = [];
}
