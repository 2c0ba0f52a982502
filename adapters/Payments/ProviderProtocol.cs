namespace WalletFlow.Adapters.Payments;

/// <summary>
/// The names of walletflow's provider wire protocol (adapters/Payments/README.md, "The provider wire
/// protocol"), in one place for the HTTP adapter and the sandbox rail, which speak it from both ends.
/// </summary>
public static class ProviderProtocol
{
    /// <summary>Carries the payout id on a submit; a provider answers a repeat with the first payout's state.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Carries <c>sha256=&lt;hex HMAC of the raw body&gt;</c> on a status callback.</summary>
    public const string SignatureHeader = WalletFlow.Core.Payouts.ReceiveProviderWebhook.SignatureHeader;

    /// <summary>Prefix of <see cref="SignatureHeader"/>'s value, naming the algorithm.</summary>
    public const string SignaturePrefix = "sha256=";

    /// <summary>Submit is <c>POST {base}payouts</c>; requery is <c>GET {base}payouts/{payoutId}</c>.</summary>
    public const string PayoutsPath = "payouts";

    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Pending = "pending";
}
