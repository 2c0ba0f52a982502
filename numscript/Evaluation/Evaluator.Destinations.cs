using System.Numerics;

namespace WalletFlow.Numscript;

/// <summary>Giving the taken funds to destinations; each destination pulls from the funds queue in order.</summary>
internal sealed partial class Evaluator
{
    private void Receive(DestinationNode destination, BigInteger amount)
    {
        switch (destination)
        {
            case AccountDestination account:
                PushReceiver(EvaluateAs<AccountValue>(account.Address).Name, amount);
                break;
            case AllotmentDestination allotment:
                var parts = Allot(amount, allotment.Clauses.Select(c => (c.Portion, c.Position)).ToList(), allotment.Position);
                for (var i = 0; i < parts.Length; i++)
                    Receive(allotment.Clauses[i].To, parts[i]);
                break;
            case InorderDestination { IsOneof: false } inorder:
                var left = amount;
                foreach (var clause in inorder.Clauses)
                {
                    var cap = BigInteger.Max(EvaluateAmountOfCurrentAsset(clause.Cap), 0);
                    if (left.IsZero)
                        break;
                    var share = BigInteger.Min(cap, left);
                    Receive(clause.To, share);
                    left -= share;
                }
                Receive(inorder.Remaining, left);
                break;
            case InorderDestination oneof:
                RequireFlag(FeatureFlags.Oneof, oneof.Position);
                foreach (var clause in oneof.Clauses)
                {
                    // Only a clause that can take the whole amount is chosen.
                    if (EvaluateAmountOfCurrentAsset(clause.Cap) >= amount)
                    {
                        Receive(clause.To, amount);
                        return;
                    }
                }
                Receive(oneof.Remaining, amount);
                break;
            default:
                throw new InvalidOperationException($"unknown destination {destination.GetType().Name}");
        }
    }

    private void Receive(KeptOrDestination target, BigInteger amount)
    {
        if (target.Destination is { } destination)
            Receive(destination, amount);
        else
            PushReceiver(null, amount);
    }

    /// <summary>Gives <paramref name="amount"/> to <paramref name="account"/>, or back to its senders when the account is null (<c>kept</c>).</summary>
    private void PushReceiver(string? account, BigInteger amount)
    {
        if (amount.Sign <= 0)
            return;
        foreach (var sender in _queue.Pull(amount))
        {
            var asset = AssetName.Colored(_asset, sender.Color);
            if (account is null)
            {
                _balances.Add(sender.Account, asset, sender.Amount);
                continue;
            }
            _balances.Add(account, asset, sender.Amount);
            _postings.Add(new Posting(sender.Account, account, sender.Amount, asset));
        }
    }
}
