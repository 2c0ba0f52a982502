using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Gates;
using WalletFlow.Core.Coa;
using WalletFlow.Core.Corrections;
using WalletFlow.Core.Flags;
using WalletFlow.Core.Gates;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Reports;
using WalletFlow.Core.Wallets;
using WalletFlow.Host.Durable;
using WalletFlow.Host.Ops.Components;

namespace WalletFlow.Host.Ops;

/// <summary>
/// The console's screens, each at a stable address that can be shared, each a query: wallets, a
/// wallet's statement, ledger transactions, payouts and their timeline, the manual-review queue,
/// corrections, gates, flags, the trial balance and ALM, the audit log.
/// </summary>
public static class OpsScreensApi
{
    private const int PageSize = 25;

    public static RouteGroupBuilder MapOpsScreens(this RouteGroupBuilder ops)
    {
        ops.MapGet("", async (IGateRunStore gates, PayoutPause pause, CancellationToken ct) =>
            OpsResults.Page<HomePage>(new { LatestRun = await gates.ListRecentAsync(1, ct) is [var latest, ..] ? latest : null, Paused = await pause.GetAsync(ct) }))
            .WithName("Ops.Home");

        ops.MapGet("/wallets", async (string? q, string? after, WalletSearchQuery search, CancellationToken ct) =>
        {
            var (wallets, next) = await search.RunAsync(q, after, ct);
            return OpsResults.Page<WalletsPage>(new { Query = q, After = after, Wallets = wallets, Next = next });
        }).WithName("Ops.Wallets");

        ops.MapGet("/wallets/{walletId}", async (string walletId, string? cursor, WalletBalancesQuery balances, WalletTransactionsQuery statement, CancellationToken ct) =>
        {
            var wallet = await balances.RunAsync(walletId, ct);
            if (!wallet.TryGetValue(out var found, out var missing))
                return OpsResults.Error(StatusCodes.Status404NotFound, "No such wallet", missing.Message);
            var page = await statement.RunAsync(walletId, cursor, null, ct);
            if (!page.TryGetValue(out var lines, out var refused))
                return OpsResults.Error(StatusCodes.Status400BadRequest, "Statement refused", refused.Message);
            return OpsResults.Page<WalletPage>(new { Wallet = found, Statement = lines, Cursor = cursor });
        }).WithName("Ops.Wallet");

        ops.MapGet("/transactions", async (string? account, long? before, ILedger ledger, CancellationToken ct) =>
            OpsResults.Page<TransactionsPage>(new
            {
                Account = account,
                Before = before,
                Page = await ledger.ListTransactionsAsync(string.IsNullOrWhiteSpace(account) ? "" : account.Trim(), PageSize, before, ct),
            }))
            .WithName("Ops.Transactions");

        ops.MapGet("/holds", async (IReconciliationRecords records, CancellationToken ct) =>
            OpsResults.Page<HoldsPage>(new { Holds = (await records.ListHoldsAsync(ct)).Where(h => h.IsOpen).ToList() }))
            .WithName("Ops.Holds");

        ops.MapGet("/coa", async (ICoaCatalog catalog, CoaService coa, CancellationToken ct) =>
            OpsResults.Page<CoaPage>(new { Current = await catalog.GetCurrentAsync(ct), Drift = await coa.CompareDatabaseWithSeedAsync(ct) }))
            .WithName("Ops.Coa");

        ops.MapGet("/cutovers", (string? id) => !string.IsNullOrWhiteSpace(id)
                ? Results.Redirect("/ops/cutovers/" + Uri.EscapeDataString(id.Trim()))
                : OpsResults.Page<CutoverSearchPage>(new { }))
            .WithName("Ops.Cutovers");

        ops.MapGet("/cutovers/{cutoverId}", async (string cutoverId, ICutoverStore cutovers, CancellationToken ct) =>
            await cutovers.FindAsync(cutoverId, ct) is { } run
                ? OpsResults.Page<CutoverPage>(new
                {
                    Run = run,
                    Progress = await cutovers.ProgressAsync(cutoverId, 100, ct),
                    Steps = await cutovers.TransitionsAsync(cutoverId, ct),
                })
                : OpsResults.Error(StatusCodes.Status404NotFound, "No such cutover", $"There is no cutover '{cutoverId}'."))
            .WithName("Ops.Cutover");

        ops.MapGet("/transactions/{id:long}", async (long id, ILedger ledger, CancellationToken ct) =>
            await ledger.FindTransactionAsync(id, ct) is { } transaction
                ? OpsResults.Page<TransactionPage>(new { Transaction = transaction })
                : OpsResults.Error(StatusCodes.Status404NotFound, "No such transaction", $"The ledger has no transaction {id}."))
            .WithName("Ops.Transaction");

        ops.MapGet("/payouts", async (string? id, IPayoutStore payouts, CancellationToken ct) =>
            !string.IsNullOrWhiteSpace(id)
                ? Results.Redirect("/ops/payouts/" + Uri.EscapeDataString(id.Trim()))
                : OpsResults.Page<PayoutsPage>(new { Payouts = await payouts.ListUnfinishedAsync(ct) }))
            .WithName("Ops.Payouts");

        ops.MapGet("/payouts/{payoutId}", async (string payoutId, IPayoutStore payouts, IDurableBackend durable, CancellationToken ct) =>
            await payouts.FindAsync(payoutId, ct) is { } payout
                ? OpsResults.Page<PayoutPage>(new
                {
                    Payout = payout,
                    Transitions = await payouts.TransitionsAsync(payoutId, ct),
                    Timeline = PayoutTimeline.From(await durable.GetHistoryAsync(payoutId, ct)),
                })
                : OpsResults.Error(StatusCodes.Status404NotFound, "No such payout", $"There is no payout '{payoutId}'."))
            .WithName("Ops.Payout");

        ops.MapGet("/review", async (IPayoutStore payouts, CancellationToken ct) =>
            OpsResults.Page<ReviewPage>(new { Payouts = (await payouts.ListUnfinishedAsync(ct)).Where(p => p.Status == PayoutStatus.ManualReview).ToList() }))
            .WithName("Ops.Review");

        ops.MapGet("/corrections", async (string? status, ICorrectionStore corrections, CancellationToken ct) =>
        {
            CorrectionStatus? wanted = Enum.TryParse<CorrectionStatus>(status, out var s) && Enum.IsDefined(s) ? s : null;
            return OpsResults.Page<CorrectionsPage>(new { Corrections = await corrections.ListAsync(wanted, 200, ct), Status = wanted });
        }).WithName("Ops.Corrections");

        ops.MapGet("/gates", async (IGateRunStore runs, PayoutPause pause, IOptions<GateOptions> options, CancellationToken ct) =>
            OpsResults.Page<GatesPage>(new { History = await runs.ListRecentAsync(options.Value.HistoryLimit, ct), Paused = await pause.GetAsync(ct) }))
            .WithName("Ops.Gates");

        ops.MapGet("/flags", async (IFeatureFlags flags, CancellationToken ct) =>
        {
            var all = new List<FeatureFlag>();
            foreach (var name in FeatureFlagNames.All)
                all.Add(await flags.GetAsync(name, ct));
            return OpsResults.Page<FlagsPage>(new { Flags = all });
        }).WithName("Ops.Flags");

        ops.MapGet("/reports/trial-balance", async (TrialBalanceQuery query, CancellationToken ct) =>
            (await query.RunAsync(null, ct)).TryGetValue(out var report, out var rejected)
                ? OpsResults.Page<TrialBalancePage>(new { Report = report })
                : OpsResults.Error(StatusCodes.Status422UnprocessableEntity, "Trial balance refused", rejected.Message))
            .WithName("Ops.TrialBalance");

        ops.MapGet("/reports/alm", async (AlmQuery query, CancellationToken ct) =>
            OpsResults.Page<AlmPage>(new { Positions = await query.RunAsync(ct) }))
            .WithName("Ops.Alm");

        ops.MapGet("/audit", async (IAuditLog audit, CancellationToken ct) =>
            OpsResults.Page<AuditPage>(new { Entries = await audit.RecentAsync(200, ct) }))
            .WithName("Ops.Audit");
        return ops;
    }
}
