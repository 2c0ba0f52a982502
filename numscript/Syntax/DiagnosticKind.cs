namespace WalletFlow.Numscript;

/// <summary>The kinds of static errors a script can have, each with its own test.</summary>
public enum DiagnosticKind
{
    /// <summary>A character no token starts with.</summary>
    UnexpectedCharacter,

    /// <summary>A string literal with no closing quote on its line.</summary>
    UnterminatedString,

    /// <summary>A <c>/*</c> comment that never closes.</summary>
    UnterminatedComment,

    /// <summary>A number literal with a misplaced underscore (<c>1__0</c>, <c>100_</c>), or one of 10^78 or more.</summary>
    InvalidNumber,

    /// <summary>The grammar wanted something else here.</summary>
    UnexpectedToken,

    /// <summary>A variable declared twice in <c>vars</c>.</summary>
    DuplicateVariable,

    /// <summary>A <c>vars</c> entry whose type is not one of the six Numscript types.</summary>
    UnknownType,

    /// <summary>A variable used but never declared.</summary>
    UndeclaredVariable,

    /// <summary>A call to a function Numscript does not have.</summary>
    UnknownFunction,

    /// <summary>A call with the wrong number of arguments.</summary>
    WrongArity,

    /// <summary>An expression whose type does not fit where it is used.</summary>
    TypeMismatch,

    /// <summary>A script longer than <see cref="NumscriptLimits.MaxScriptBytes"/>.</summary>
    ScriptTooLarge,

    /// <summary>A script nested deeper than <see cref="NumscriptLimits.MaxNestingDepth"/>.</summary>
    NestingTooDeep,
}
