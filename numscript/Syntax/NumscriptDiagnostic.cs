namespace WalletFlow.Numscript;

/// <summary>A parse or type-check error: what went wrong and where.</summary>
public sealed record NumscriptDiagnostic(DiagnosticKind Kind, string Message, SourcePosition Position)
{
    public int Line => Position.Line;

    public int Column => Position.Column;

    public override string ToString() => $"{Line}:{Column}: {Message}";
}
