namespace WalletFlow.Host.Api;

/// <summary>POST /v1/pools/fundings: cash from a bank into a provider pool.</summary>
/// <param name="ProviderId">The provider.</param>
/// <param name="BankId">The bank.</param>
/// <param name="Amount">Major units.</param>
/// <param name="Currency">The currency code.</param>
public sealed record PoolFundingBody(string? ProviderId, string? BankId, string? Amount, string? Currency);
