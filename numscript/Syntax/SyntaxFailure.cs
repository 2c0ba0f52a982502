namespace WalletFlow.Numscript;

/// <summary>
/// Aborts lexing or parsing at the first error. Internal control flow only: callers of the parser
/// receive a <see cref="NumscriptDiagnostic"/> value, never this exception.
/// </summary>
internal sealed class SyntaxFailure(DiagnosticKind kind, string message, SourcePosition position) : Exception(message)
{
    public NumscriptDiagnostic Diagnostic { get; } = new(kind, message, position);
}
