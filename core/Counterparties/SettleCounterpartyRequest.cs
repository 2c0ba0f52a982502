using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Counterparties;

/// <summary>Pay a counterparty what we owe it from a bank account (POST /v1/counterparties/settlements).</summary>
/// <param name="Key">The command's idempotency key.</param>
/// <param name="CounterpartyId">The counterparty: <c>counterparties:{id}</c>.</param>
/// <param name="BankId">The bank account paying: <c>banks:{bankId}:{ccy}</c>.</param>
/// <param name="Amount">Major units, as text.</param>
/// <param name="Currency">The currency code.</param>
public sealed record SettleCounterpartyRequest(IdempotencyKey Key, string? CounterpartyId, string? BankId, string? Amount, string? Currency);
