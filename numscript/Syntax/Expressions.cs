using System.Numerics;

namespace WalletFlow.Numscript;

// The expression nodes of Numscript.g4 (valueExpr and friends).

internal abstract record Expr(SourcePosition Position)
{
    /// <summary>
    /// Levels of the tree from this node down (a literal is 1). Computed once, when the node is
    /// built from its children, so the parser bounds a tree (NumscriptLimits.MaxNestingDepth) without
    /// walking it: a chain like <c>1 + 1 + … + 1</c> is built by a loop, not by recursion, yet every
    /// later walk of it recurses once per operator.
    /// </summary>
    public virtual int Height => 1;
}

internal sealed record VariableExpr(SourcePosition Position, string Name) : Expr(Position);

internal sealed record AssetLiteral(SourcePosition Position, string Asset) : Expr(Position);

internal sealed record StringLiteral(SourcePosition Position, string Value) : Expr(Position);

internal sealed record NumberLiteral(SourcePosition Position, BigInteger Value) : Expr(Position);

internal sealed record PercentageLiteral(SourcePosition Position, Portion Value) : Expr(Position);

internal sealed record MonetaryLiteral(SourcePosition Position, Expr Asset, Expr Amount) : Expr(Position)
{
    public override int Height { get; } = 1 + Math.Max(Asset.Height, Amount.Height);
}

/// <summary>An account literal; a segment is either text or (flagged) an interpolated variable.</summary>
internal sealed record AccountLiteral(SourcePosition Position, IReadOnlyList<AccountSegment> Segments) : Expr(Position)
{
    public bool IsInterpolated => Segments.Any(s => s.Variable is not null);

    public string? PlainName => IsInterpolated ? null : string.Join(':', Segments.Select(s => s.Text));
}

internal sealed record AccountSegment(SourcePosition Position, string? Text, string? Variable);

internal sealed record NegationExpr(SourcePosition Position, Expr Operand) : Expr(Position)
{
    public override int Height { get; } = 1 + Operand.Height;
}

internal sealed record InfixExpr(SourcePosition Position, char Operator, Expr Left, Expr Right) : Expr(Position)
{
    public override int Height { get; } = 1 + Math.Max(Left.Height, Right.Height);
}

internal sealed record FunctionCall(SourcePosition Position, string Name, IReadOnlyList<Expr> Arguments) : Expr(Position)
{
    public override int Height { get; } = 1 + (Arguments.Count == 0 ? 0 : Arguments.Max(a => a.Height));
}
