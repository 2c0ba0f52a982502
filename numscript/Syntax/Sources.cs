namespace WalletFlow.Numscript;

// The source nodes of Numscript.g4.

internal abstract record SourceNode(SourcePosition Position);

/// <summary>An account, optionally restricted to one color (<c>@a \ "RED"</c>).</summary>
internal sealed record AccountSource(SourcePosition Position, Expr Address, Expr? Color) : SourceNode(Position);

/// <summary><c>allowing overdraft up to Bound</c>, or unbounded when <see cref="Bound"/> is null.</summary>
internal sealed record OverdraftSource(SourcePosition Position, Expr Address, Expr? Color, Expr? Bound) : SourceNode(Position);

/// <summary><c>@a with scaling through @swap</c> (experimental asset scaling).</summary>
internal sealed record ScalingSource(SourcePosition Position, Expr Address, Expr Swap) : SourceNode(Position);

internal sealed record InorderSource(SourcePosition Position, IReadOnlyList<SourceNode> Sources) : SourceNode(Position);

internal sealed record OneofSource(SourcePosition Position, IReadOnlyList<SourceNode> Sources) : SourceNode(Position);

internal sealed record CappedSource(SourcePosition Position, Expr Cap, SourceNode From) : SourceNode(Position);

internal sealed record AllotmentSource(SourcePosition Position, IReadOnlyList<SourceAllotmentClause> Clauses) : SourceNode(Position);

/// <summary>One <c>portion from source</c>; <see cref="Portion"/> is null for <c>remaining</c>.</summary>
internal sealed record SourceAllotmentClause(SourcePosition Position, Expr? Portion, SourceNode From);
