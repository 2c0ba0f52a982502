using WalletFlow.Core.Results;

namespace WalletFlow.Core.Coa;

/// <summary>More than one chart-of-accounts pattern matches the address.</summary>
/// <param name="Address">The address.</param>
/// <param name="CandidatePatterns">Every matching pattern with its GL code.</param>
public sealed record AmbiguousAddress(string Address, IReadOnlyList<string> CandidatePatterns) : Rejection(
    RejectionCodes.AmbiguousAddress,
    $"'{Address}' matches more than one chart-of-accounts entry: {string.Join(", ", CandidatePatterns)}");
