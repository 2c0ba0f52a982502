using System.Diagnostics.CodeAnalysis;

namespace WalletFlow.Core.Results;

/// <summary>
/// Either a value or a <see cref="Rejection"/>. Expected outcomes (bad input, unknown currency,
/// insufficient funds) travel as this; exceptions are left for bugs and infrastructure failures.
/// </summary>
/// <typeparam name="T">The success value.</typeparam>
public readonly struct Result<T>
{
    private readonly T? _value;

    internal Result(T? value, Rejection? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>The rejection, or null on success.</summary>
    public Rejection? Error { get; }

    /// <summary>True when this holds a value.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The value; reading it from a rejection is a bug and throws.</summary>
    public T Value => Error is null
        ? _value!
        : throw new InvalidOperationException($"No value: {Error}");

    /// <summary>Lets a method return a value directly.</summary>
#pragma warning disable CA2225 // Result.Success/Result.Failure are the named alternatives.
    public static implicit operator Result<T>(T value) => new(value, null);

    /// <summary>Lets a method return a rejection directly.</summary>
    public static implicit operator Result<T>(Rejection error) => Result.Failure<T>(error);
#pragma warning restore CA2225

    /// <summary>The value, or out the rejection.</summary>
    public bool TryGetValue([MaybeNullWhen(false)] out T value, [MaybeNullWhen(true)] out Rejection error)
    {
        value = _value!;
        error = Error;
        return Error is null;
    }

    /// <summary>Maps the value, keeping a rejection as it is.</summary>
    public Result<TOut> Map<TOut>(Func<T, TOut> map) =>
        Error is null ? Result.Success(map(_value!)) : Result.Failure<TOut>(Error);

    /// <summary>Chains a step that may itself reject.</summary>
    public Result<TOut> Then<TOut>(Func<T, Result<TOut>> next) =>
        Error is null ? next(_value!) : Result.Failure<TOut>(Error);

    /// <summary>LINQ <c>select</c>: lets validations read as a query whose first rejection wins.</summary>
    public Result<TOut> Select<TOut>(Func<T, TOut> map) => Map(map);

    /// <summary>LINQ <c>from … from …</c>: the first rejection wins, later steps do not run.</summary>
    public Result<TOut> SelectMany<TNext, TOut>(Func<T, Result<TNext>> next, Func<T, TNext, TOut> project)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(project);
        if (Error is not null)
            return Result.Failure<TOut>(Error);
        var value = _value!;
        return next(value).Map(n => project(value, n));
    }

    /// <inheritdoc />
    public override string ToString() => Error is null ? $"Success({_value})" : $"Failure({Error})";
}
