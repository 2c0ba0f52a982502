using WalletFlow.Core.Results;

namespace WalletFlow.Core.Cutover;

/// <summary>
/// A legacy balances file with at least one bad line: refused whole, nothing written. Every problem
/// of every line is listed, so the file can be fixed in one pass.
/// </summary>
/// <param name="Errors">Every problem, in line order.</param>
public sealed record CutoverFileRefused(IReadOnlyList<CutoverLineError> Errors)
    : Rejection(RejectionCodes.InvalidRequest,
        $"The balances file was refused whole, nothing written: {Errors.Select(e => e.Line).Distinct().Count()} bad line(s), {Errors.Count} problem(s); first: {Errors[0]}.");
