using System.Globalization;
using System.Numerics;
using WalletFlow.Core.Cutover;
using WalletFlow.Core.Monetary;

namespace WalletFlow.Api;

/// <summary>
/// A cutover as /v1 shows it, in both hosts: its status and step, the counts per step, the first
/// failures, the totals per currency (file and ledger, minor units as integer strings) and the runtime
/// status of its workflows. <see cref="StatusUrl"/> is the one URL a client is given to follow it.
/// </summary>
public sealed record CutoverResponse(
    string CutoverId,
    string Status,
    string Step,
    string? Detail,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string StatusUrl,
    string? Orchestration,
    string? RollbackOrchestration,
    CutoverCountsResponse Counts,
    IReadOnlyList<CutoverStepResponse> Steps,
    IReadOnlyList<CutoverTotalResponse> Totals,
    IReadOnlyList<CutoverFailureResponse> Failures)
{
    /// <summary>The first failures listed (the counts say how many there are).</summary>
    public const int FailuresShown = 100;

    public static CutoverResponse From(CutoverRun cutover, CutoverProgress progress, IReadOnlyList<CutoverStepRecord> steps, string? orchestration, string? rollbackOrchestration)
    {
        ArgumentNullException.ThrowIfNull(cutover);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(steps);
        var ledger = cutover.LedgerTotals.ToDictionary(t => t.Currency, StringComparer.Ordinal);
        return new CutoverResponse(cutover.CutoverId, cutover.Status.ToString(), cutover.Step, cutover.Detail, cutover.RequestedBy,
            cutover.CreatedAt, cutover.UpdatedAt, StatusUrlOf(cutover.CutoverId), orchestration, rollbackOrchestration,
            new CutoverCountsResponse(progress.Rows, cutover.Batches, progress.Posted, progress.ZeroBalances, progress.PostFailures, progress.Reversed, progress.ReverseFailures),
            [.. steps.Select(s => new CutoverStepResponse(s.Step, s.Status.ToString(), s.Detail, s.Actor, s.At))],
            [.. progress.FileTotals.Select(t =>
            {
                var inLedger = ledger.GetValueOrDefault(t.Currency);
                return new CutoverTotalResponse(t.Currency, t.Wallets, Minor(t.MinorUnits), inLedger is null ? null : Minor(inLedger.MinorUnits),
                    Major(t.Currency, t.MinorUnits), inLedger is null ? null : Major(t.Currency, inLedger.MinorUnits));
            })],
            [.. progress.Failures.Select(f => new CutoverFailureResponse(f.Line, f.WalletId, f.Step, f.Reason))]);
    }

    /// <summary>The v1 status URL of a cutover.</summary>
    public static string StatusUrlOf(string cutoverId) => $"/v1/cutovers/{cutoverId}";

    private static string Minor(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Major(string currency, BigInteger minor) =>
        Currency.Find(currency) is { IsSuccess: true } c && LedgerAsset.ToMoney(c.Value.LedgerAsset.ToString(), minor) is { IsSuccess: true } money
            ? money.Value.FormatAmount()
            : null;
}
