namespace WalletFlow.Numscript;

/// <summary>One token with its 1-based position in the script.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, SourcePosition Position);
