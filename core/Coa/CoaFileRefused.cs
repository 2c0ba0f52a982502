using WalletFlow.Core.Results;
using WalletFlow.Core.Seed;

namespace WalletFlow.Core.Coa;

/// <summary>
/// A chart of accounts that fails the seed's validation (<see cref="CoaCsv"/>): refused whole, nothing
/// stored. Every problem is listed with its line (and, for a clash, the other line), so the file can be
/// fixed in one pass.
/// </summary>
/// <param name="Issues">Every problem, in line order.</param>
public sealed record CoaFileRefused(IReadOnlyList<SeedIssue> Issues)
    : Rejection(RejectionCodes.InvalidRequest,
        $"The chart of accounts was refused whole, nothing stored: {Issues.Count} problem(s); first: {Issues[0]}.");
