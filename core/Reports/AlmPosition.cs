using System.Numerics;

namespace WalletFlow.Core.Reports;

/// <summary>
/// One currency's asset-liability position (design.md §8): what we owe customers against the cash
/// that covers it, both as an accountant reads them (positive on their normal side), in minor units.
/// </summary>
/// <param name="Asset">The ledger asset (<c>NGN/2</c>).</param>
/// <param name="Currency">Its currency code.</param>
/// <param name="WalletsMain">Sum of <c>wallets:*:main</c>.</param>
/// <param name="Holds">Sum of <c>wallets:*:holds:*</c>.</param>
/// <param name="Reserves">Sum of <c>wallets:*:reserve</c>.</param>
/// <param name="Banks">Cash at banks.</param>
/// <param name="Pools">Provider pools.</param>
/// <param name="Custody">Stablecoin custody.</param>
/// <param name="Clearing">Payouts in transit, netted: money sent to a provider still sits at the bank until it settles.</param>
public sealed record AlmPosition(
    string Asset,
    string Currency,
    BigInteger WalletsMain,
    BigInteger Holds,
    BigInteger Reserves,
    BigInteger Banks,
    BigInteger Pools,
    BigInteger Custody,
    BigInteger Clearing)
{
    /// <summary>Customer funds: wallets, holds and reserves.</summary>
    public BigInteger CustomerLiabilities => WalletsMain + Holds + Reserves;

    /// <summary>The assets that cover them: banks, pools, custody, clearing.</summary>
    public BigInteger CoveringAssets => Banks + Pools + Custody + Clearing;

    /// <summary>Covering assets ÷ customer liabilities, to six places; null when nothing is owed.</summary>
    public decimal? Coverage => CustomerLiabilities.IsZero
        ? null
        : Math.Round((decimal)CoveringAssets / (decimal)CustomerLiabilities, 6, MidpointRounding.ToEven);
}
