using System.Numerics;

namespace WalletFlow.Numscript;

/// <summary>
/// <c>@acc with scaling through @swap</c> (experimental asset scaling): when the account lacks the
/// sent scale of an asset (EUR/2), it converts holdings in other scales of the same asset (EUR, EUR/3)
/// through the swap account first, emitting the two conversion postings before the send's own.
/// Finer scales are used first (EUR/4, EUR/3, … EUR/1, EUR, as upstream); only whole units of the sent
/// scale are produced, and no more than needed.
/// </summary>
internal sealed partial class Evaluator
{
    private BigInteger TakeWithScaling(ScalingSource scaling, BigInteger amount)
    {
        RequireFlag(FeatureFlags.AssetScaling, scaling.Position);
        var account = EvaluateAs<AccountValue>(scaling.Address).Name;
        var swap = EvaluateAs<AccountValue>(scaling.Swap).Name;
        var need = amount - _balances.Get(account, _asset);
        foreach (var (asset, balance, scale) in ConversionCandidates(account))
        {
            if (need.Sign <= 0)
                break;
            var targetScale = AssetName.ScaleOf(_asset);
            BigInteger spent, gained;
            if (scale < targetScale)
            {
                var factor = BigInteger.Pow(10, targetScale - scale);
                spent = BigInteger.Min(balance, (need + factor - 1) / factor);
                gained = spent * factor;
            }
            else
            {
                var factor = BigInteger.Pow(10, scale - targetScale);
                gained = BigInteger.Min(balance / factor, need);
                spent = gained * factor;
            }
            Convert(account, swap, asset, spent, gained);
            need -= gained;
        }
        var taken = BigInteger.Min(BigInteger.Max(_balances.Get(account, _asset), 0), amount);
        PushSender(account, taken, "");
        return taken;
    }

    private BigInteger TakeAllWithScaling(ScalingSource scaling)
    {
        RequireFlag(FeatureFlags.AssetScaling, scaling.Position);
        var account = EvaluateAs<AccountValue>(scaling.Address).Name;
        var swap = EvaluateAs<AccountValue>(scaling.Swap).Name;
        var targetScale = AssetName.ScaleOf(_asset);
        foreach (var (asset, balance, scale) in ConversionCandidates(account))
        {
            var factor = BigInteger.Pow(10, Math.Abs(targetScale - scale));
            var (spent, gained) = scale < targetScale
                ? (balance, balance * factor)
                : (balance / factor * factor, balance / factor);
            Convert(account, swap, asset, spent, gained);
        }
        var taken = BigInteger.Max(_balances.Get(account, _asset), 0);
        PushSender(account, taken, "");
        return taken;
    }

    private List<(string Asset, BigInteger Balance, int Scale)> ConversionCandidates(string account)
    {
        return [.. _balances.Family(account, AssetName.BaseOf(_asset))
            .Where(b => b.Key != _asset && b.Value.Sign > 0)
            .Select(b => (Asset: b.Key, Balance: b.Value, Scale: AssetName.ScaleOf(b.Key)))
            .OrderByDescending(c => c.Scale)];
    }

    private void Convert(string account, string swap, string fromAsset, BigInteger spent, BigInteger gained)
    {
        if (spent.IsZero || gained.IsZero)
            return;
        EmitPosting(account, swap, spent, fromAsset);
        EmitPosting(swap, account, gained, _asset);
    }
}
