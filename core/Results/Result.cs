namespace WalletFlow.Core.Results;

/// <summary>Named constructors for <see cref="Result{T}"/>.</summary>
public static class Result
{
    /// <summary>A success holding <paramref name="value"/>.</summary>
    public static Result<T> Success<T>(T value) => new(value, null);

    /// <summary>A rejection.</summary>
    public static Result<T> Failure<T>(Rejection error) =>
        new(default, error ?? throw new ArgumentNullException(nameof(error)));
}
