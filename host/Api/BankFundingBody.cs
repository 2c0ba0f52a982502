namespace WalletFlow.Host.Api;

/// <summary>POST /v1/banks/fundings: company capital into a bank account.</summary>
/// <param name="BankId">The bank.</param>
/// <param name="Amount">Major units.</param>
/// <param name="Currency">The currency code.</param>
public sealed record BankFundingBody(string? BankId, string? Amount, string? Currency);
