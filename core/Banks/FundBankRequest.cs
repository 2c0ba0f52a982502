using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Banks;

/// <summary>The company puts cash into one of its bank accounts (POST /v1/banks/fundings).</summary>
/// <param name="Key">The command's idempotency key.</param>
/// <param name="BankId">The bank account funded: <c>banks:{bankId}:{ccy}</c>.</param>
/// <param name="Amount">Major units, as text.</param>
/// <param name="Currency">The currency code.</param>
public sealed record FundBankRequest(IdempotencyKey Key, string? BankId, string? Amount, string? Currency);
