using System.Numerics;

namespace WalletFlow.Numscript;

/// <summary>
/// Taking funds from sources: "up to" an amount (in-order lists take what each can give), exactly
/// (missing funds otherwise), or everything (<c>[ASSET *]</c>).
/// </summary>
internal sealed partial class Evaluator
{
    private void SendExactly(SourceNode source, BigInteger amount)
    {
        _lastAccountDrawn = null;
        var sent = SendUpTo(source, amount);
        if (sent != amount)
            throw new RuntimeFailure(new MissingFundsError(_lastAccountDrawn, _asset, amount, sent, source.Position));
    }

    /// <summary>Takes at most <paramref name="amount"/> from the source and returns what it took.</summary>
    private BigInteger SendUpTo(SourceNode source, BigInteger amount)
    {
        switch (source)
        {
            case AccountSource account:
                return TakeFromAccount(account.Address, account.Color, amount, overdraft: BigInteger.Zero);
            case OverdraftSource overdraft:
                BigInteger? bound = overdraft.Bound is { } b ? BigInteger.Max(EvaluateAmountOfCurrentAsset(b), 0) : null;
                return TakeFromAccount(overdraft.Address, overdraft.Color, amount, bound);
            case ScalingSource scaling:
                return TakeWithScaling(scaling, amount);
            case InorderSource inorder:
                var left = amount;
                foreach (var sub in inorder.Sources)
                    left -= SendUpTo(sub, left);
                return amount - left;
            case OneofSource oneof:
                RequireFlag(FeatureFlags.Oneof, oneof.Position);
                // The first branch able to give the whole amount wins; the last one is taken as it goes.
                foreach (var branch in oneof.Sources.Take(oneof.Sources.Count - 1))
                {
                    var snapshot = Snapshot();
                    if (SendUpTo(branch, amount) == amount)
                        return amount;
                    Restore(snapshot);
                }
                return SendUpTo(oneof.Sources[^1], amount);
            case CappedSource capped:
                var cap = BigInteger.Max(EvaluateAmountOfCurrentAsset(capped.Cap), 0);
                return SendUpTo(capped.From, BigInteger.Min(cap, amount));
            case AllotmentSource allotment:
                var parts = Allot(amount, allotment.Clauses.Select(c => (c.Portion, c.Position)).ToList(), allotment.Position);
                for (var i = 0; i < parts.Length; i++)
                    SendExactly(allotment.Clauses[i].From, parts[i]);
                return amount;
            default:
                throw new InvalidOperationException($"unknown source {source.GetType().Name}");
        }
    }

    /// <summary>Takes everything the source can give (balance plus allowed overdraft).</summary>
    private BigInteger SendAll(SourceNode source)
    {
        switch (source)
        {
            case AccountSource account:
                return TakeAllFromAccount(account.Address, account.Color, BigInteger.Zero, account.Position);
            case OverdraftSource overdraft:
                BigInteger? bound = overdraft.Bound is { } b ? BigInteger.Max(EvaluateAmountOfCurrentAsset(b), 0) : null;
                return TakeAllFromAccount(overdraft.Address, overdraft.Color, bound, overdraft.Position);
            case ScalingSource scaling:
                return TakeAllWithScaling(scaling);
            case InorderSource inorder:
                var total = BigInteger.Zero;
                foreach (var sub in inorder.Sources)
                    total += SendAll(sub);
                return total;
            case OneofSource oneof:
                RequireFlag(FeatureFlags.Oneof, oneof.Position);
                return SendAll(oneof.Sources[0]);
            case CappedSource capped:
                var cap = BigInteger.Max(EvaluateAmountOfCurrentAsset(capped.Cap), 0);
                return SendUpTo(capped.From, cap);
            case AllotmentSource allotment:
                throw Fail(RuntimeErrorKind.InvalidSendAll, "an allotment source cannot send all ([ASSET *]): the total is unknown", allotment.Position);
            default:
                throw new InvalidOperationException($"unknown source {source.GetType().Name}");
        }
    }

    /// <summary>Takes up to <paramref name="amount"/>, letting the balance go <paramref name="overdraft"/> below zero (null: unbounded).</summary>
    private BigInteger TakeFromAccount(Expr address, Expr? colorExpr, BigInteger amount, BigInteger? overdraft)
    {
        var account = EvaluateAs<AccountValue>(address).Name;
        var color = EvaluateColor(colorExpr);
        if (account == World)
            overdraft = null;
        var taken = overdraft is { } limit
            ? BigInteger.Min(BigInteger.Max(_balances.Get(account, AssetName.Colored(_asset, color)) + limit, 0), amount)
            : amount;
        PushSender(account, taken, color);
        return taken;
    }

    private BigInteger TakeAllFromAccount(Expr address, Expr? colorExpr, BigInteger? overdraft, SourcePosition position)
    {
        var account = EvaluateAs<AccountValue>(address).Name;
        var color = EvaluateColor(colorExpr);
        if (account == World || overdraft is null)
            throw Fail(RuntimeErrorKind.InvalidSendAll, $"cannot send all from @{account}: its overdraft is unbounded", position);
        var taken = BigInteger.Max(_balances.Get(account, AssetName.Colored(_asset, color)) + overdraft.Value, 0);
        PushSender(account, taken, color);
        return taken;
    }

    private string EvaluateColor(Expr? colorExpr)
    {
        if (colorExpr is null)
            return "";
        RequireFlag(FeatureFlags.AssetColors, colorExpr.Position);
        var color = EvaluateAs<StringValue>(colorExpr).Text;
        if (color.Any(c => !char.IsAsciiLetterUpper(c)))
            throw Fail(RuntimeErrorKind.InvalidValue, $"color \"{color}\" must be upper-case letters only", colorExpr.Position);
        return color;
    }

    private void PushSender(string account, BigInteger amount, string color)
    {
        _lastAccountDrawn = account;
        if (amount.IsZero)
            return;
        _balances.Add(account, AssetName.Colored(_asset, color), -amount);
        _queue.Push(account, amount, color);
    }
}
