using System.Numerics;

namespace WalletFlow.Numscript;

// The expression nodes of Numscript.g4 (valueExpr and friends).

internal abstract record Expr(SourcePosition Position);

internal sealed record VariableExpr(SourcePosition Position, string Name) : Expr(Position);

internal sealed record AssetLiteral(SourcePosition Position, string Asset) : Expr(Position);

internal sealed record StringLiteral(SourcePosition Position, string Value) : Expr(Position);

internal sealed record NumberLiteral(SourcePosition Position, BigInteger Value) : Expr(Position);

internal sealed record PercentageLiteral(SourcePosition Position, Portion Value) : Expr(Position);

internal sealed record MonetaryLiteral(SourcePosition Position, Expr Asset, Expr Amount) : Expr(Position);

/// <summary>An account literal; a segment is either text or (flagged) an interpolated variable.</summary>
internal sealed record AccountLiteral(SourcePosition Position, IReadOnlyList<AccountSegment> Segments) : Expr(Position)
{
    public bool IsInterpolated => Segments.Any(s => s.Variable is not null);

    public string? PlainName => IsInterpolated ? null : string.Join(':', Segments.Select(s => s.Text));
}

internal sealed record AccountSegment(SourcePosition Position, string? Text, string? Variable);

internal sealed record NegationExpr(SourcePosition Position, Expr Operand) : Expr(Position);

internal sealed record InfixExpr(SourcePosition Position, char Operator, Expr Left, Expr Right) : Expr(Position);

internal sealed record FunctionCall(SourcePosition Position, string Name, IReadOnlyList<Expr> Arguments) : Expr(Position);
