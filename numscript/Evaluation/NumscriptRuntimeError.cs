namespace WalletFlow.Numscript;

/// <summary>A typed runtime error, with the position of the construct that failed.</summary>
public record NumscriptRuntimeError(RuntimeErrorKind Kind, string Message, SourcePosition? Position)
{
    public sealed override string ToString() => Position is { } p ? $"{p}: {Message}" : Message;
}
