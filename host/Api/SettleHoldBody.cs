namespace WalletFlow.Host.Api;

/// <summary>POST /v1/holds/{holdId}/settle: pay the whole hold to a counterparty.</summary>
/// <param name="CounterpartyId">The counterparty paid.</param>
/// <param name="Amount">Optional; must equal the held amount.</param>
public sealed record SettleHoldBody(string? CounterpartyId, string? Amount = null);
