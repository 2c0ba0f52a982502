using WalletFlow.Core.Holds;
using WalletFlow.Core.Movements;

namespace WalletFlow.Api;

/// <summary>POST /v1/holds/{holdId}/release: no fields; send <c>{}</c>.</summary>
public sealed record ReleaseHoldBody
{
    /// <summary>The use case's request under the command's key, for the hold of the path.</summary>
    public static ReleaseHoldRequest ToRequest(IdempotencyKey key, string? holdId) => new(key, holdId);
}
