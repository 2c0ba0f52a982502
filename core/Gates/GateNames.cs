namespace WalletFlow.Core.Gates;

/// <summary>The four reconciliation gates' names (design.md §8), in run order.</summary>
public static class GateNames
{
    /// <summary>Gate 1: per asset, all balances sum to zero; trial-balance debits equal credits.</summary>
    public const string BooksFoot = "books-foot";

    /// <summary>Gate 2: open holds equal the balances of the holds accounts, one to one.</summary>
    public const string HoldsMatch = "holds-match";

    /// <summary>Gate 3: the statements read model equals the ledger for every wallet account.</summary>
    public const string StatementsMatch = "statements-match";

    /// <summary>Gate 4: every ledger account matches exactly one chart-of-accounts pattern.</summary>
    public const string CoaCoverage = "coa-coverage";

    /// <summary>All four, in run order.</summary>
    public static IReadOnlyList<string> All { get; } = [BooksFoot, HoldsMatch, StatementsMatch, CoaCoverage];
}
