using WalletFlow.Core.Results;

namespace WalletFlow.Core.Accounts;

/// <summary>
/// A ledger account address, Formance style: segments of <c>[A-Za-z0-9_-]+</c> joined by <c>:</c>
/// (<c>wallets:w1:main</c>). Only well-formed addresses exist; which <see cref="AccountKind"/> one is,
/// and its parts, is the <see cref="AccountClassifier"/>'s job. Build them with <see cref="AccountAddresses"/>.
/// </summary>
public readonly record struct AccountAddress
{
    /// <summary>Wraps a well-formed address; throws for a malformed one (use <see cref="Parse"/> for input).</summary>
    public AccountAddress(string value)
    {
        var problem = Problem(value);
        if (problem is not null)
            throw new ArgumentException(new InvalidAddress(value ?? "", problem).Message, nameof(value));
        Value = value!;
    }

    /// <summary>The address text.</summary>
    public string Value { get; }

    /// <summary>The <c>:</c>-separated segments.</summary>
    public IReadOnlyList<string> Segments => Value.Split(':');

    /// <summary>Reads an address from input; a malformed one is a rejection with the reason.</summary>
    public static Result<AccountAddress> Parse(string value)
    {
        var problem = Problem(value);
        return problem is null ? new AccountAddress(value) : new InvalidAddress(value ?? "", problem);
    }

    /// <summary>True when <paramref name="segment"/> is one valid segment: <c>[A-Za-z0-9_-]+</c>.</summary>
    public static bool IsValidSegment(string? segment) =>
        !string.IsNullOrEmpty(segment) && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <inheritdoc />
    public override string ToString() => Value ?? "";

    private static string? Problem(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "the address is empty";
        var segments = value.Split(':');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Length == 0)
                return $"segment {i + 1} is empty";
            if (!IsValidSegment(segments[i]))
                return $"segment {i + 1} '{segments[i]}' may only hold letters, digits, '_' and '-'";
        }
        return null;
    }
}
