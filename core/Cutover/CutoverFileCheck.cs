namespace WalletFlow.Core.Cutover;

/// <summary>What <see cref="CutoverCsv.Check"/> found: the valid rows, and every problem (the file is usable only when there are none).</summary>
public sealed record CutoverFileCheck(IReadOnlyList<CutoverRow> Rows, IReadOnlyList<CutoverLineError> Errors)
{
    /// <summary>True when every line is valid and there is at least one row.</summary>
    public bool IsValid => Errors.Count == 0;
}
