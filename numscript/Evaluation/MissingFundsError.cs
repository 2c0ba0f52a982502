using System.Numerics;

namespace WalletFlow.Numscript;

/// <summary>
/// A source could not give the amount it had to. <see cref="Account"/> is the last account the
/// source drew from (the one that ran out when the source is a single account).
/// </summary>
public sealed record MissingFundsError(string? Account, string Asset, BigInteger Needed, BigInteger Available, SourcePosition? Position)
    : NumscriptRuntimeError(
        RuntimeErrorKind.MissingFunds,
        $"missing funds: needed {Asset} {Needed}, available {Asset} {Available}" + (Account is null ? "" : $" (last drawn from @{Account})"),
        Position);
