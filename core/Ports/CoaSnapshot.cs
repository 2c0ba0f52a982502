using WalletFlow.Core.Coa;

namespace WalletFlow.Core.Ports;

/// <summary>One stored version of the chart of accounts and event→GL map.</summary>
/// <param name="Version">Increasing version number.</param>
/// <param name="PublishedAt">When it was stored.</param>
/// <param name="Source">Where it came from (for example <c>seed/coa.csv</c>).</param>
/// <param name="PublishedBy">Who stored it: <see cref="CoaSeedSync.SeedActor"/> for the seed an empty database starts with, else the importing principal.</param>
/// <param name="Chart">The chart.</param>
/// <param name="EventGl">The event→GL map.</param>
public sealed record CoaSnapshot(int Version, DateTimeOffset PublishedAt, string Source, string PublishedBy, ChartOfAccounts Chart, IReadOnlyList<EventGlEntry> EventGl);
