using System.Globalization;
using WalletFlow.Core.Ports;

namespace WalletFlow.Api;

/// <summary>One ledger posting: <see cref="AmountMinor"/> of <see cref="Asset"/> from source to destination.</summary>
/// <param name="Source">The account debited (sent from).</param>
/// <param name="Destination">The account credited (received into).</param>
/// <param name="Asset">The ledger asset, CODE/SCALE ("NGN/2").</param>
/// <param name="AmountMinor">Minor units as an integer string.</param>
/// <param name="Amount">Major units as a decimal string (null only for an asset that is not a known currency's).</param>
/// <param name="Currency">The currency code.</param>
public sealed record PostingResponse(string Source, string Destination, string Asset, string AmountMinor, string? Amount, string? Currency)
{
    public static PostingResponse From(Posting posting)
    {
        ArgumentNullException.ThrowIfNull(posting);
        var money = ApiMoney.FromLedger(posting.Asset, posting.Amount);
        return new(posting.Source.Value, posting.Destination.Value, posting.Asset,
            posting.Amount.ToString(CultureInfo.InvariantCulture), money?.Amount, money?.Currency);
    }
}
