using WalletFlow.Core.Holds;
using WalletFlow.Core.Movements;

namespace WalletFlow.Api;

/// <summary>POST /v1/holds: place a generic hold.</summary>
/// <param name="WalletId">The wallet.</param>
/// <param name="Amount">Major units.</param>
/// <param name="Currency">The currency code.</param>
/// <param name="HoldId">Optional hold id; derived from the key when absent.</param>
public sealed record PlaceHoldBody(string? WalletId, string? Amount, string? Currency, string? HoldId = null)
{
    /// <summary>The use case's request under the command's key.</summary>
    public PlaceHoldRequest ToRequest(IdempotencyKey key) => new(key, WalletId, Amount, Currency, HoldId);
}
