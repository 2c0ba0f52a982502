namespace WalletFlow.Numscript;

/// <summary>
/// One place a script names an account (<see cref="ScriptOutline"/>): a variable (<see cref="Variable"/>),
/// a plain literal (<see cref="Literal"/>, without its <c>@</c>), or neither (an interpolated literal
/// such as <c>@wallets:$id</c>, or an expression).
/// </summary>
/// <param name="Role">What the script does with it there.</param>
/// <param name="Position">Where.</param>
public sealed record AccountUse(AccountRole Role, SourcePosition Position)
{
    /// <summary>The variable's name (without <c>$</c>) when the account is a variable.</summary>
    public string? Variable { get; init; }

    /// <summary>The address (without <c>@</c>) when the account is a plain literal.</summary>
    public string? Literal { get; init; }

    /// <summary>The overdraft clause of a source: none, <c>allowing overdraft up to …</c> or <c>allowing unbounded overdraft</c>.</summary>
    public Overdraft Overdraft { get; init; }

    /// <inheritdoc />
    public override string ToString() => Variable is not null ? "$" + Variable : Literal is not null ? "@" + Literal : $"an account expression at {Position}";
}
