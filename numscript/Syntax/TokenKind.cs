namespace WalletFlow.Numscript;

/// <summary>The tokens of the upstream Lexer.g4, with keywords folded into one kind each.</summary>
internal enum TokenKind
{
    EndOfInput,
    Vars, Max, Source, Destination, Send, From, Up, To, Remaining, Allowing, Unbounded, Overdraft,
    Oneof, Kept, Save, With, Scaling, Through, Feature,
    LParen, RParen, LBracket, RBracket, LBrace, RBrace, Comma, Equals, Star, Plus, Minus, Slash,
    Backslash, HashBang,
    Percentage, String, Identifier, Number, Asset, Variable,
    AccountStart, Colon, AccountText, AccountVariable,
}
