namespace WalletFlow.Host.Api;

/// <summary>POST /v1/counterparties/settlements.</summary>
/// <param name="CounterpartyId">The counterparty.</param>
/// <param name="BankId">The paying bank.</param>
/// <param name="Amount">Major units.</param>
/// <param name="Currency">The currency code.</param>
public sealed record CounterpartySettlementBody(string? CounterpartyId, string? BankId, string? Amount, string? Currency);
