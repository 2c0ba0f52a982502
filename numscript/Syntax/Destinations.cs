namespace WalletFlow.Numscript;

// The destination nodes of Numscript.g4.

internal abstract record DestinationNode(SourcePosition Position);

internal sealed record AccountDestination(SourcePosition Position, Expr Address) : DestinationNode(Position);

internal sealed record AllotmentDestination(SourcePosition Position, IReadOnlyList<DestinationAllotmentClause> Clauses) : DestinationNode(Position);

/// <summary>In-order list (<c>max … to …</c> clauses then <c>remaining</c>); <see cref="IsOneof"/> picks one clause.</summary>
internal sealed record InorderDestination(
    SourcePosition Position,
    IReadOnlyList<CappedDestinationClause> Clauses,
    KeptOrDestination Remaining,
    bool IsOneof) : DestinationNode(Position);

/// <summary>One <c>portion to/kept</c>; <see cref="Portion"/> is null for <c>remaining</c>.</summary>
internal sealed record DestinationAllotmentClause(SourcePosition Position, Expr? Portion, KeptOrDestination To);

internal sealed record CappedDestinationClause(SourcePosition Position, Expr Cap, KeptOrDestination To);

/// <summary><c>to destination</c>, or <c>kept</c> when <see cref="Destination"/> is null.</summary>
internal sealed record KeptOrDestination(DestinationNode? Destination);
