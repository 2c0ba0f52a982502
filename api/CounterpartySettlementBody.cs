using WalletFlow.Core.Counterparties;
using WalletFlow.Core.Movements;

namespace WalletFlow.Api;

/// <summary>POST /v1/counterparties/settlements.</summary>
/// <param name="CounterpartyId">The counterparty.</param>
/// <param name="BankId">The paying bank.</param>
/// <param name="Amount">Major units.</param>
/// <param name="Currency">The currency code.</param>
public sealed record CounterpartySettlementBody(string? CounterpartyId, string? BankId, string? Amount, string? Currency)
{
    /// <summary>The use case's request under the command's key.</summary>
    public SettleCounterpartyRequest ToRequest(IdempotencyKey key) => new(key, CounterpartyId, BankId, Amount, Currency);
}
