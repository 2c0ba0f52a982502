using WalletFlow.Core.Seed;

namespace WalletFlow.Core.Coa;

/// <summary>The outcome of reading a chart of accounts and its event→GL map.</summary>
/// <param name="Chart">The entries that passed validation.</param>
/// <param name="EventGl">The legs that passed validation.</param>
/// <param name="Issues">Every problem, with line numbers; coa.csv's first, then event-gl.csv's.</param>
public sealed record CoaIngest(ChartOfAccounts Chart, IReadOnlyList<EventGlEntry> EventGl, IReadOnlyList<SeedIssue> Issues)
{
    /// <summary>True when both files are free of problems.</summary>
    public bool IsValid => Issues.Count == 0;
}
