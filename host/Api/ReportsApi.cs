using WalletFlow.Core.Identity;
using WalletFlow.Host.Identity;
using System.Globalization;
using System.Numerics;
using Microsoft.AspNetCore.Http.HttpResults;
using WalletFlow.Api;
using WalletFlow.Core.Reports;

namespace WalletFlow.Host.Api;

/// <summary>
/// <c>/v1/reports</c> (design.md §8, §10): the trial balance, now or as of a past point
/// (<c>?asOf=</c> a transaction id or an ISO 8601 date-time), and the ALM view. Amounts are decimal
/// strings in major units with their minor units beside them; totals are per asset.
/// </summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/v1/reports").WithTags("reports").RequireScope(Scopes.ReportsRead);
        api.MapGet("/trial-balance", TrialBalanceAsync);
        api.MapGet("/alm", AlmAsync);
        return endpoints;
    }

    /// <summary>An amount: major units as a decimal string, and minor units.</summary>
    public sealed record ReportAmount(string Amount, string Minor);

    public sealed record TrialBalanceLineJson(string GlCode, string Name, ReportAmount Debit, ReportAmount Credit);

    public sealed record TrialBalanceAssetJson(string Asset, ReportAmount TotalDebit, ReportAmount TotalCredit, bool Foots, IReadOnlyList<TrialBalanceLineJson> Lines);

    public sealed record UnresolvedJson(string Account, string Asset, ReportAmount Balance, string Reason);

    public sealed record TrialBalanceJson(string? AsOf, DateTimeOffset? PointInTime, int CoaVersion, bool Foots,
        IReadOnlyList<TrialBalanceAssetJson> Assets, IReadOnlyList<UnresolvedJson> Unresolved);

    public sealed record AlmSideJson(IReadOnlyDictionary<string, ReportAmount> Components, ReportAmount Total);

    public sealed record AlmCurrencyJson(string Currency, string Asset, AlmSideJson Liabilities, AlmSideJson Assets, decimal? Coverage);

    public sealed record AlmJson(IReadOnlyList<AlmCurrencyJson> Currencies);

    private static async Task<Results<Ok<TrialBalanceJson>, ProblemHttpResult>> TrialBalanceAsync(
        string? asOf, TrialBalanceQuery query, HttpContext context, CancellationToken ct)
    {
        LedgerPoint? point = null;
        if (asOf is not null)
        {
            var parsed = LedgerPoint.Parse(asOf);
            if (!parsed.TryGetValue(out var value, out var invalid))
                return ApiProblems.For(invalid, context);
            point = value;
        }
        var report = await query.RunAsync(point, ct);
        if (!report.TryGetValue(out var r, out var rejected))
            return ApiProblems.For(rejected, context);
        var footings = r.Footings.ToDictionary(f => f.Asset);
        var assets = r.Balance.Assets.Select(asset => new TrialBalanceAssetJson(
            asset,
            Amount(footings[asset].Debit, asset),
            Amount(footings[asset].Credit, asset),
            footings[asset].Foots,
            [.. r.Balance.Lines.Where(l => l.Asset == asset).Select(l => new TrialBalanceLineJson(l.GlCode, l.Name, Amount(l.Debit, asset), Amount(l.Credit, asset)))]));
        var unresolved = r.Balance.Unresolved.Select(u => new UnresolvedJson(u.Balance.Address.Value, u.Balance.Asset, Amount(u.Balance.Balance, u.Balance.Asset), u.Reason));
        return TypedResults.Ok(new TrialBalanceJson(r.AsOf?.ToString(), r.PointInTime, r.CoaVersion, r.Foots, [.. assets], [.. unresolved]));
    }

    private static async Task<Ok<AlmJson>> AlmAsync(AlmQuery query, CancellationToken ct)
    {
        var positions = await query.RunAsync(ct);
        return TypedResults.Ok(new AlmJson([.. positions.Select(p => new AlmCurrencyJson(
            p.Currency,
            p.Asset,
            new AlmSideJson(new Dictionary<string, ReportAmount>
            {
                ["walletsMain"] = Amount(p.WalletsMain, p.Asset),
                ["holds"] = Amount(p.Holds, p.Asset),
                ["reserves"] = Amount(p.Reserves, p.Asset),
            }, Amount(p.CustomerLiabilities, p.Asset)),
            new AlmSideJson(new Dictionary<string, ReportAmount>
            {
                ["banks"] = Amount(p.Banks, p.Asset),
                ["pools"] = Amount(p.Pools, p.Asset),
                ["custody"] = Amount(p.Custody, p.Asset),
                ["clearing"] = Amount(p.Clearing, p.Asset),
            }, Amount(p.CoveringAssets, p.Asset)),
            p.Coverage))]));
    }

    /// <summary>Minor units as a decimal string at the asset's scale (<c>NGN/2</c>: 150000 → 1500.00); an asset with no scale stays in minor units.</summary>
    private static ReportAmount Amount(BigInteger minor, string asset)
    {
        var text = minor.ToString(CultureInfo.InvariantCulture);
        var slash = asset.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !int.TryParse(asset.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var scale) || scale == 0)
            return new ReportAmount(text, text);
        var digits = BigInteger.Abs(minor).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var major = $"{(minor.Sign < 0 ? "-" : "")}{digits[..^scale]}.{digits[^scale..]}";
        return new ReportAmount(major, text);
    }
}
