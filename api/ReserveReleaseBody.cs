using WalletFlow.Core.Movements;
using WalletFlow.Core.Reserves;

namespace WalletFlow.Api;

/// <summary>POST /v1/reserves/release: release a wallet's matured rolling reserve.</summary>
/// <param name="WalletId">The wallet.</param>
public sealed record ReserveReleaseBody(string? WalletId)
{
    /// <summary>The use case's request under the command's key.</summary>
    public ReleaseReserveRequest ToRequest(IdempotencyKey key) => new(key, WalletId);
}
