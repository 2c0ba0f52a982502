using WalletFlow.Core.Banks;
using WalletFlow.Core.Movements;

namespace WalletFlow.Api;

/// <summary>POST /v1/banks/fundings: company capital into a bank account.</summary>
/// <param name="BankId">The bank.</param>
/// <param name="Amount">Major units.</param>
/// <param name="Currency">The currency code.</param>
public sealed record BankFundingBody(string? BankId, string? Amount, string? Currency)
{
    /// <summary>The use case's request under the command's key.</summary>
    public FundBankRequest ToRequest(IdempotencyKey key) => new(key, BankId, Amount, Currency);
}
