using WalletFlow.Core.Corrections;
using WalletFlow.Core.Movements;

namespace WalletFlow.Api;

/// <summary>POST /v1/corrections: an adjusting entry on a wallet against corrections suspense.</summary>
/// <param name="WalletId">The wallet.</param>
/// <param name="Currency">The currency code.</param>
/// <param name="Credit">Optional credit, major units.</param>
/// <param name="Debit">Optional debit, major units.</param>
/// <param name="Reason">Why.</param>
public sealed record CorrectionBody(string? WalletId, string? Currency, string? Credit, string? Debit, string? Reason)
{
    /// <summary>The use case's request under the command's key.</summary>
    public CorrectionRequest ToRequest(IdempotencyKey key) => new(key, WalletId, Currency, Credit, Debit, Reason);
}
