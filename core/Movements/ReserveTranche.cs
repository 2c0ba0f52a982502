using WalletFlow.Core.Monetary;

namespace WalletFlow.Core.Movements;

/// <summary>A rolling-reserve amount kept from one pay-in until it matures.</summary>
/// <param name="TrancheId">The tranche id.</param>
/// <param name="WalletId">The wallet.</param>
/// <param name="Amount">The amount reserved.</param>
/// <param name="MaturesAt">When it may be released.</param>
public sealed record ReserveTranche(string TrancheId, string WalletId, Money Amount, DateTimeOffset MaturesAt)
{
    /// <summary>The command that released it, or null while it is still in the reserve.</summary>
    public string? ReleasedBy { get; init; }
}
