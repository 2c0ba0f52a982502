namespace WalletFlow.Numscript;

/// <summary>A function-call statement (<c>set_tx_meta("template", "pay-in")</c>) and its arguments.</summary>
/// <param name="Name">The function.</param>
/// <param name="Arguments">Its arguments, in order.</param>
/// <param name="Position">Where the statement starts.</param>
public sealed record ScriptCall(string Name, IReadOnlyList<ScriptArgument> Arguments, SourcePosition Position);
