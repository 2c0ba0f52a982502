using WalletFlow.Core.Migration;
using WalletFlow.Core.Movements;

namespace WalletFlow.Api;

/// <summary>POST /v1/migration/opening-balances: a wallet's opening balance at cutover.</summary>
/// <param name="WalletId">The wallet.</param>
/// <param name="Amount">Major units.</param>
/// <param name="Currency">The currency code.</param>
/// <param name="LegacyRef">Optional legacy reference.</param>
public sealed record OpeningBalanceBody(string? WalletId, string? Amount, string? Currency, string? LegacyRef = null)
{
    /// <summary>The use case's request under the command's key.</summary>
    public OpeningBalanceRequest ToRequest(IdempotencyKey key) => new(key, WalletId, Amount, Currency, LegacyRef);
}
