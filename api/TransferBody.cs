using WalletFlow.Core.Movements;
using WalletFlow.Core.Transfers;

namespace WalletFlow.Api;

/// <summary>POST /v1/transfers: wallet to wallet in one currency.</summary>
/// <param name="FromWalletId">The paying wallet.</param>
/// <param name="ToWalletId">The receiving wallet.</param>
/// <param name="Amount">Major units as a decimal string.</param>
/// <param name="Currency">The currency code; both wallets hold it.</param>
/// <param name="Fee">Optional fee charged to the paying wallet on top of the amount.</param>
public sealed record TransferBody(string? FromWalletId, string? ToWalletId, string? Amount, string? Currency, string? Fee = null)
{
    /// <summary>The use case's request under the command's key.</summary>
    public TransferRequest ToRequest(IdempotencyKey key) => new(key, FromWalletId, ToWalletId, Amount, Currency, Fee);
}
