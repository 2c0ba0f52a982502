namespace WalletFlow.Adapters.Payments.Sandbox;

/// <summary>How a <see cref="SandboxRail"/> behaves.</summary>
/// <param name="Port">Loopback port; 0 picks a free one.</param>
/// <param name="SettleAfterQueries">A pending payout answers definitively on this requery (1 = the first).</param>
/// <param name="SlowResponseDelay">How long a digit-6 submit waits before answering; must exceed the client's submit timeout.</param>
/// <param name="WebhookUrl">Where status changes are posted; null: nowhere (can be set later on the rail).</param>
/// <param name="WebhookSecret">HMAC key of the callbacks; null: callbacks go unsigned (the adapter refuses them).</param>
public sealed record SandboxRailSettings(
    int Port = 0,
    int SettleAfterQueries = SandboxRailSettings.DefaultSettleAfterQueries,
    TimeSpan? SlowResponseDelay = null,
    Uri? WebhookUrl = null,
    string? WebhookSecret = null)
{
    public const int DefaultSettleAfterQueries = 2;

    public static readonly TimeSpan DefaultSlowResponseDelay = TimeSpan.FromSeconds(15);

    public TimeSpan EffectiveSlowResponseDelay => SlowResponseDelay ?? DefaultSlowResponseDelay;
}
