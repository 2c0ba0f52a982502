namespace WalletFlow.Core.Seed;

/// <summary>One CSV record with the 1-based line it starts on, so validation can point at it.</summary>
/// <param name="Line">The 1-based line number of the record's first character.</param>
/// <param name="Fields">The unquoted fields.</param>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);
