namespace WalletFlow.Core.Identity;

/// <summary>
/// What an API client, a token or an operator may do (design.md §10): every endpoint names the scope
/// it requires, and <see cref="Admin"/> holds every one of them.
/// </summary>
public static class Scopes
{
    /// <summary>Read wallets, balances and their transactions.</summary>
    public const string WalletsRead = "wallets:read";
    /// <summary>Open wallets.</summary>
    public const string WalletsWrite = "wallets:write";
    /// <summary>Move money: pay-ins, transfers, holds, FX, pools, stablecoins, settlements, reserves, bank fundings.</summary>
    public const string MovementsWrite = "movements:write";
    /// <summary>Start payouts and read their state and history.</summary>
    public const string PayoutsWrite = "payouts:write";
    /// <summary>Decide a payout in manual review (settle or release).</summary>
    public const string PayoutsResolve = "payouts:resolve";
    /// <summary>Ask for a correction (the maker).</summary>
    public const string CorrectionsRequest = "corrections:request";
    /// <summary>Approve a correction (the checker).</summary>
    public const string CorrectionsApprove = "corrections:approve";
    /// <summary>Run cutover steps: opening balances from the legacy system.</summary>
    public const string CutoverRun = "cutover:run";
    /// <summary>Run the reconciliation gates and acknowledge a failure (which lifts the payouts pause).</summary>
    public const string GatesRun = "gates:run";
    /// <summary>Read reports and gate results.</summary>
    public const string ReportsRead = "reports:read";
    /// <summary>Scrape <c>/metrics</c> (counts and latencies; no amounts, no personal data).</summary>
    public const string MetricsRead = "metrics:read";
    /// <summary>The raw ledger API: any posting, including money creation from <c>world</c>.</summary>
    public const string LedgerAdmin = "ledger:admin";
    /// <summary>Every scope.</summary>
    public const string Admin = "admin";

    /// <summary>Every scope, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        WalletsRead, WalletsWrite, MovementsWrite, PayoutsWrite, PayoutsResolve, CorrectionsRequest,
        CorrectionsApprove, CutoverRun, GatesRun, ReportsRead, MetricsRead, LedgerAdmin, Admin,
    ];

    /// <summary>Whether <paramref name="scope"/> is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);

    /// <summary>Whether holding <paramref name="held"/> grants <paramref name="required"/>.</summary>
    public static bool Grants(IEnumerable<string> held, string required)
    {
        ArgumentNullException.ThrowIfNull(held);
        foreach (var scope in held)
        {
            if (scope == Admin || scope == required)
                return true;
        }
        return false;
    }
}
