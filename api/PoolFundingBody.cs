using WalletFlow.Core.Movements;
using WalletFlow.Core.Pools;

namespace WalletFlow.Api;

/// <summary>POST /v1/pools/fundings: cash from a bank into a provider pool.</summary>
/// <param name="ProviderId">The provider.</param>
/// <param name="BankId">The bank.</param>
/// <param name="Amount">Major units.</param>
/// <param name="Currency">The currency code.</param>
public sealed record PoolFundingBody(string? ProviderId, string? BankId, string? Amount, string? Currency)
{
    /// <summary>The use case's request under the command's key.</summary>
    public FundPoolRequest ToRequest(IdempotencyKey key) => new(key, ProviderId, BankId, Amount, Currency);
}
