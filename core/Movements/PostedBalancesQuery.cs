using WalletFlow.Core.Coa;
using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Movements;

/// <summary>
/// The balances, now, of every account a movement's postings touched, in the assets it moved: what a
/// console shows under a movement's result. Read from the ledger, like every balance.
/// </summary>
public sealed class PostedBalancesQuery(ILedger ledger)
{
    /// <summary>One balance per (account, asset) of <paramref name="postings"/>, in the order the postings name them.</summary>
    public async Task<IReadOnlyList<AccountBalance>> RunAsync(IEnumerable<Posting> postings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(postings);
        var wanted = postings.SelectMany(p => new[] { (p.Source, p.Asset), (p.Destination, p.Asset) }).Distinct().ToList();
        var read = new List<AccountBalance>();
        foreach (var account in wanted.Select(w => w.Item1).Distinct())
        {
            var balances = await ledger.GetBalancesAsync(account, cancellationToken).ConfigureAwait(false);
            read.AddRange(balances.Where(b => wanted.Contains((account, b.Asset))));
        }
        return read;
    }
}
