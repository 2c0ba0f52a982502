using WalletFlow.Core.Accounts;

namespace WalletFlow.Core.Coa;

/// <summary>
/// Ledger addresses that the chart of accounts does not cover exactly once (gate 4, "COA coverage").
/// </summary>
/// <param name="Unmapped">Addresses no pattern matches.</param>
/// <param name="Ambiguous">Addresses several patterns match.</param>
/// <param name="Invalid">Addresses that are malformed or fit no account kind of design.md §3.</param>
public sealed record AddressDrift(
    IReadOnlyList<UnmappedAddress> Unmapped,
    IReadOnlyList<AmbiguousAddress> Ambiguous,
    IReadOnlyList<InvalidAddress> Invalid)
{
    /// <summary>True when every address is a known kind and maps to exactly one entry.</summary>
    public bool IsClean => Unmapped.Count == 0 && Ambiguous.Count == 0 && Invalid.Count == 0;
}
