namespace WalletFlow.Numscript;

/// <summary>
/// A script after parsing and type-checking: either valid (ready to run any number of times) or the
/// list of errors with their positions. Immutable, so one instance can be cached and shared.
/// </summary>
public sealed class ParsedScript
{
    private readonly ProgramNode? _program;
    private ScriptOutline? _outline;

    private ParsedScript(string source, ProgramNode? program, IReadOnlyList<NumscriptDiagnostic> diagnostics)
    {
        Source = source;
        _program = program;
        Diagnostics = diagnostics;
    }

    public string Source { get; }

    public IReadOnlyList<NumscriptDiagnostic> Diagnostics { get; }

    public bool IsValid => Diagnostics.Count == 0;

    /// <summary>Feature flags the script enables itself with <c>#![feature("…")]</c>.</summary>
    public IReadOnlyList<string> DeclaredFeatureFlags => _program?.FeatureFlags ?? [];

    /// <summary>The declared variables, name to type, in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Variables =>
        _program?.Variables.Select(v => KeyValuePair.Create(v.Name, v.Type)).ToList() ?? [];

    /// <summary>What the script does with accounts and which functions it calls, read off its syntax tree (throws for a script with errors, as running it does).</summary>
    public ScriptOutline Outline => _outline ??= ScriptOutline.Of(Program); // a race builds it twice, both the same

    internal ProgramNode Program =>
        _program ?? throw new InvalidOperationException("the script has errors: " + string.Join("; ", Diagnostics));

    /// <summary>Lexes, parses and type-checks <paramref name="source"/>.</summary>
    public static ParsedScript Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ProgramNode program;
        try
        {
            program = Parser.Parse(source);
        }
        catch (SyntaxFailure failure)
        {
            return new ParsedScript(source, null, [failure.Diagnostic]);
        }
        var diagnostics = TypeChecker.Check(program);
        return new ParsedScript(source, diagnostics.Count == 0 ? program : null, diagnostics);
    }
}
