using WalletFlow.Core.Results;

namespace WalletFlow.Core.Coa;

/// <summary>No chart-of-accounts pattern matches the address.</summary>
/// <param name="Address">The address.</param>
/// <param name="CandidatePatterns">The patterns of the same account family (or all patterns when the family is unknown).</param>
public sealed record UnmappedAddress(string Address, IReadOnlyList<string> CandidatePatterns) : Rejection(
    RejectionCodes.UnmappedAddress,
    $"No chart-of-accounts entry matches '{Address}'; candidate patterns: {string.Join(", ", CandidatePatterns)}");
