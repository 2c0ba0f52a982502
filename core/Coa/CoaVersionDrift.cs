namespace WalletFlow.Core.Coa;

/// <summary>How the chart of accounts in the database differs from seed/coa.csv.</summary>
/// <param name="MissingFromDatabase">GL codes in the seed, not in the database.</param>
/// <param name="ExtraInDatabase">GL codes in the database, not in the seed.</param>
/// <param name="Changed">Fields that differ for GL codes present in both.</param>
public sealed record CoaVersionDrift(
    IReadOnlyList<string> MissingFromDatabase,
    IReadOnlyList<string> ExtraInDatabase,
    IReadOnlyList<CoaChange> Changed)
{
    /// <summary>True when the database holds exactly the seed.</summary>
    public bool IsClean => MissingFromDatabase.Count == 0 && ExtraInDatabase.Count == 0 && Changed.Count == 0;
}
