namespace WalletFlow.Adapters.Payments.Sandbox;

/// <summary>One attempt of the sandbox rail to deliver a status callback.</summary>
/// <param name="PayoutId">The payout.</param>
/// <param name="Status">The status posted.</param>
/// <param name="Url">Where it was posted.</param>
/// <param name="Attempt">1 for the first try.</param>
/// <param name="StatusCode">The receiver's HTTP status, or null when none came back.</param>
/// <param name="Error">Why there was no answer, if so.</param>
public sealed record SandboxWebhookDelivery(string PayoutId, string Status, Uri Url, int Attempt, int? StatusCode, string? Error)
{
    public bool Delivered => StatusCode is >= 200 and < 300;
}
