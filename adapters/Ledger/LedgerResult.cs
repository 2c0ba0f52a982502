using System.Diagnostics.CodeAnalysis;

namespace WalletFlow.Adapters.Ledger;

/// <summary>Either a value or a <see cref="LedgerError"/>: refusals are values, not exceptions.</summary>
public readonly record struct LedgerResult<T>
{
    private LedgerResult(T? value, LedgerError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public LedgerError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

#pragma warning disable CA1000 // LedgerResult<T>.Ok(x) reads better at call sites than a non-generic twin class
    public static LedgerResult<T> Ok(T value) => new(value, null);
    public static LedgerResult<T> Fail(LedgerError error) => new(default, error);
#pragma warning restore CA1000

#pragma warning disable CA2225 // the named factories above are the alternate
    public static implicit operator LedgerResult<T>(LedgerError error) => Fail(error);
#pragma warning restore CA2225
}
