using System.Numerics;

namespace WalletFlow.Numscript;

/// <summary>
/// <c>@acc with scaling through @swap</c> (experimental asset scaling): when the account lacks the
/// sent scale of an asset (EUR/2), it converts holdings in other scales of the same asset (EUR, EUR/3)
/// through the swap account first. Finer scales are used first (EUR/4, EUR/3, … EUR/1, EUR); only
/// whole units of the sent scale are produced, and no more than needed (a coarser unit may overshoot).
/// The postings follow upstream's <c>findScalingSolution</c> and <c>forcePushPostingUncolored</c>
/// (internal/interpreter/asset_scaling.go, interpreter.go): one posting account → swap per converted
/// scale, in that order, then a single swap → account posting of the total in the sent scale, all
/// emitted at once, ahead of the send's own postings. Each scaled source converts on its own: two
/// scaled sources in one send give two such groups, never merged.
/// </summary>
internal sealed partial class Evaluator
{
    private BigInteger TakeWithScaling(ScalingSource scaling, BigInteger amount)
    {
        RequireFlag(FeatureFlags.AssetScaling, scaling.Position);
        var account = EvaluateAs<AccountValue>(scaling.Address).Name;
        var swap = EvaluateAs<AccountValue>(scaling.Swap).Name;
        // What the sent scale already holds counts first; a negative balance there is made up too.
        Convert(account, swap, need: amount - _balances.Get(account, _asset));
        var taken = BigInteger.Min(BigInteger.Max(_balances.Get(account, _asset), 0), amount);
        PushSender(account, taken, "");
        return taken;
    }

    private BigInteger TakeAllWithScaling(ScalingSource scaling)
    {
        RequireFlag(FeatureFlags.AssetScaling, scaling.Position);
        var account = EvaluateAs<AccountValue>(scaling.Address).Name;
        var swap = EvaluateAs<AccountValue>(scaling.Swap).Name;
        Convert(account, swap, need: null);
        var taken = BigInteger.Max(_balances.Get(account, _asset), 0);
        PushSender(account, taken, "");
        return taken;
    }

    /// <summary>
    /// Converts other scales into the sent one until <paramref name="need"/> units of it are gained
    /// (null: everything convertible), and emits the postings.
    /// </summary>
    private void Convert(string account, string swap, BigInteger? need)
    {
        var targetScale = AssetName.ScaleOf(_asset);
        var spentByAsset = new List<(string Asset, BigInteger Spent)>();
        var gainedTotal = BigInteger.Zero;
        foreach (var (asset, balance, scale) in ConversionCandidates(account))
        {
            if (need is { } n && gainedTotal >= n)
                break;
            var factor = BigInteger.Pow(10, Math.Abs(targetScale - scale));
            var available = scale < targetScale ? balance * factor : balance / factor;
            var wanted = need is { } total ? BigInteger.Min(available, total - gainedTotal) : available;
            // Coarser scales are spent in whole units, rounding up: 1.20 EUR/2 needed takes 2 EUR.
            var spent = scale < targetScale ? (wanted + factor - 1) / factor : wanted * factor;
            if (spent.IsZero)
                continue;
            spentByAsset.Add((asset, spent));
            gainedTotal += scale < targetScale ? spent * factor : wanted;
        }
        foreach (var (asset, spent) in spentByAsset)
            EmitPosting(account, swap, spent, asset);
        EmitPosting(swap, account, gainedTotal, _asset);
    }

    /// <summary>
    /// The account's other scales of the sent asset, finest first. Colored balances are another
    /// asset name (<c>EUR_RED/2</c>) and never appear, as upstream's <c>getAssets</c> skips them.
    /// Only positive balances are offered: upstream would turn a negative one into a negative posting
    /// and fail the run with an internal error.
    /// </summary>
    private List<(string Asset, BigInteger Balance, int Scale)> ConversionCandidates(string account)
    {
        return [.. _balances.Family(account, AssetName.BaseOf(_asset))
            .Where(b => b.Key != _asset && b.Value.Sign > 0)
            .Select(b => (Asset: b.Key, Balance: b.Value, Scale: AssetName.ScaleOf(b.Key)))
            .OrderByDescending(c => c.Scale)];
    }
}
