using System.Numerics;

namespace WalletFlow.Numscript;

/// <summary>
/// Funds taken from sources, in order, waiting for destinations to pull them. Consecutive takes from
/// the same (account, color) merge, as upstream, so <c>{ 15% from @a  remaining from @a }</c> yields
/// one posting from @a.
/// </summary>
internal sealed class FundsQueue
{
    private List<Sender> _senders = [];
    private int _head;

    public void Push(string account, BigInteger amount, string color)
    {
        if (_senders.Count > _head && _senders[^1] is var last && last.Account == account && last.Color == color)
            _senders[^1] = last with { Amount = last.Amount + amount };
        else
            _senders.Add(new Sender(account, amount, color));
    }

    /// <summary>Takes up to <paramref name="amount"/> from the front, splitting a sender when needed.</summary>
    public List<Sender> Pull(BigInteger amount)
    {
        var taken = new List<Sender>();
        while (amount > 0 && _head < _senders.Count)
        {
            var first = _senders[_head];
            if (first.Amount <= amount)
            {
                taken.Add(first);
                amount -= first.Amount;
                _head++;
            }
            else
            {
                taken.Add(first with { Amount = amount });
                _senders[_head] = first with { Amount = first.Amount - amount };
                amount = 0;
            }
        }
        return taken;
    }

    public (List<Sender> Senders, int Head) Snapshot() => ([.. _senders], _head);

    public void Restore((List<Sender> Senders, int Head) snapshot) => (_senders, _head) = snapshot;

    internal readonly record struct Sender(string Account, BigInteger Amount, string Color);
}
