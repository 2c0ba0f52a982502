namespace WalletFlow.Numscript;

// Statements and the program node of Numscript.g4.

internal abstract record Statement(SourcePosition Position);

/// <summary>What a send or save moves: a monetary expression, or all of an asset (<c>[ASSET *]</c>).</summary>
internal sealed record SentValue(SourcePosition Position, Expr? Monetary, Expr? AllOfAsset);

internal sealed record SendStatement(SourcePosition Position, SentValue Amount, SourceNode Source, DestinationNode Destination) : Statement(Position);

internal sealed record SaveStatement(SourcePosition Position, SentValue Amount, Expr Account) : Statement(Position);

internal sealed record CallStatement(SourcePosition Position, FunctionCall Call) : Statement(Position);

internal sealed record VarDeclaration(SourcePosition Position, string Type, string Name, Expr? Origin);

internal sealed record ProgramNode(
    IReadOnlyList<string> FeatureFlags,
    IReadOnlyList<VarDeclaration> Variables,
    IReadOnlyList<Statement> Statements);
