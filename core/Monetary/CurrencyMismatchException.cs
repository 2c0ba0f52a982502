namespace WalletFlow.Core.Monetary;

/// <summary>
/// Thrown by <see cref="Money"/>'s operators when the currencies differ. Reaching it is a bug in the
/// caller (use <see cref="Money.Add"/> / <see cref="Money.Subtract"/> for a result instead).
/// </summary>
public sealed class CurrencyMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception for the two currencies.</summary>
    public CurrencyMismatchException(Currency left, Currency right)
        : base(new CurrencyMismatch(left, right).Message)
    {
        Left = left;
        Right = right;
    }

    /// <summary>The first operand's currency.</summary>
    public Currency Left { get; }

    /// <summary>The second operand's currency.</summary>
    public Currency Right { get; }
}
