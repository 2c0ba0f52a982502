using WalletFlow.Core.Holds;
using WalletFlow.Core.Movements;

namespace WalletFlow.Api;

/// <summary>POST /v1/holds/{holdId}/settle: pay the whole hold to a counterparty.</summary>
/// <param name="CounterpartyId">The counterparty paid.</param>
/// <param name="Amount">Optional; must equal the held amount.</param>
public sealed record SettleHoldBody(string? CounterpartyId, string? Amount = null)
{
    /// <summary>The use case's request under the command's key, for the hold of the path.</summary>
    public SettleHoldRequest ToRequest(IdempotencyKey key, string? holdId) => new(key, holdId, CounterpartyId, Amount);
}
