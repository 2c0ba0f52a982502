namespace WalletFlow.Core.Results;

/// <summary>
/// An expected, named failure: a value, not an exception (style.md). <see cref="Code"/> is stable
/// (it becomes the problem+json <c>code</c>); <see cref="Message"/> is for a human.
/// </summary>
/// <param name="Code">A stable machine-readable code from <see cref="RejectionCodes"/>.</param>
/// <param name="Message">A sentence an operator can act on.</param>
public abstract record Rejection(string Code, string Message)
{
    /// <summary>The request field at fault, when one is (problem+json field errors); null otherwise.</summary>
    public string? Field { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}
