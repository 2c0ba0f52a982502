using System.Numerics;

namespace WalletFlow.Numscript;

/// <summary>
/// The interpreter's limits on what a script may be, in one place. A script is input from whoever
/// can reach the ledger API: without them one request of 10,000 nested parentheses overflowed the
/// stack of the parser and took the process down with every workflow it held (issue 16). Each limit
/// is far above what a template or an upstream example needs and is reported as a positioned
/// diagnostic, never an exception.
/// </summary>
public static class NumscriptLimits
{
    /// <summary>
    /// The largest script, in UTF-8 bytes (64 KiB). The biggest template is under 2 KiB; the limit
    /// also bounds the tokens, the syntax tree and the digits a literal can carry.
    /// </summary>
    public const int MaxScriptBytes = 64 * 1024;

    /// <summary>
    /// How deep a script may nest: parentheses, monetaries, calls, prefix minus, nested sources and
    /// destinations each count one level, and so does each operator of a chain (<c>1 + 2 + 3</c> is a
    /// tree two levels deep). Every walk of the syntax tree (parser, checker, evaluator) recurses at
    /// most this deep, so no script can exhaust the stack.
    /// </summary>
    public const int MaxNestingDepth = 64;

    /// <summary>
    /// A number literal, and an amount sent, must be below 10^78: what the ledger stores
    /// (numeric(78,0)), and a bound on the size of the integers a run computes with.
    /// </summary>
    public static BigInteger AmountLimit { get; } = BigInteger.Pow(10, 78);

    /// <summary>How <see cref="AmountLimit"/> is written in messages.</summary>
    public const string AmountLimitText = "10^78";
}
