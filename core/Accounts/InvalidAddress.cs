using WalletFlow.Core.Results;

namespace WalletFlow.Core.Accounts;

/// <summary>An address that breaks the segment rules or fits no account kind of design.md §3.</summary>
/// <param name="Address">The address as given.</param>
/// <param name="Reason">Why it was refused.</param>
public sealed record InvalidAddress(string Address, string Reason) : Rejection(
    RejectionCodes.InvalidAddress,
    $"Invalid account address '{Address}': {Reason}");
