using WalletFlow.Core.Results;

namespace WalletFlow.Core.Movements;

/// <summary>
/// The key a caller gives a command so that a retry is the same command (design.md §5). 1–255
/// printable ASCII characters; it is claimed permanently.
/// </summary>
public readonly record struct IdempotencyKey
{
    /// <summary>The longest key accepted.</summary>
    public const int MaxLength = 255;

    private IdempotencyKey(string value) => Value = value;

    /// <summary>The key as given.</summary>
    public string Value { get; }

    /// <summary>The key, or an <see cref="InvalidRequest"/> naming the header.</summary>
    public static Result<IdempotencyKey> Create(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return InvalidRequest.For(IdempotencyKeyField, "An Idempotency-Key is required on every command that moves money.");
        if (value.Length > MaxLength)
            return InvalidRequest.For(IdempotencyKeyField, $"The Idempotency-Key is longer than {MaxLength} characters.");
        foreach (var c in value)
        {
            if (c < 0x21 || c > 0x7E)
                return InvalidRequest.For(IdempotencyKeyField, "The Idempotency-Key may contain printable ASCII characters only.");
        }
        return new IdempotencyKey(value);
    }

    /// <summary>The field name rejections about the key use.</summary>
    public const string IdempotencyKeyField = "Idempotency-Key";

    /// <summary>A key derived from another for one step of a longer command (a payout's hold, settle…).</summary>
    public IdempotencyKey For(string step) => Create($"{Value}:{step}").Value;

    /// <inheritdoc />
    public override string ToString() => Value ?? "";
}
