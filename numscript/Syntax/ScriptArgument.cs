namespace WalletFlow.Numscript;

/// <summary>One argument of a <see cref="ScriptCall"/>: a string literal's value, a variable, or another expression (both null).</summary>
/// <param name="Position">Where it is.</param>
public sealed record ScriptArgument(SourcePosition Position)
{
    /// <summary>The value when the argument is a string literal.</summary>
    public string? Text { get; init; }

    /// <summary>The name (without <c>$</c>) when the argument is a variable.</summary>
    public string? Variable { get; init; }
}
