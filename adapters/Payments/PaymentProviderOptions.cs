namespace WalletFlow.Adapters.Payments;

/// <summary>One provider's settings, <c>Payments:Providers:{id}:…</c>.</summary>
public sealed class PaymentProviderOptions
{
    public static readonly TimeSpan DefaultSubmitTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultQueryTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultWebhookTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Where the provider serves the wire protocol (adapters/Payments/README.md). Unset only for the in-process sandbox.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> when set.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Comma-separated currency codes the provider pays out in (<c>NGN,KES,GHS</c>).</summary>
    public string? Currencies { get; set; }

    /// <summary>How long a submit may take before its outcome is ambiguous.</summary>
    public TimeSpan SubmitTimeout { get; set; } = DefaultSubmitTimeout;

    /// <summary>How long a requery may take before its outcome is ambiguous.</summary>
    public TimeSpan QueryTimeout { get; set; } = DefaultQueryTimeout;

    /// <summary>The HMAC-SHA256 key the provider signs its status callbacks with. Unset: every callback is refused.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How far a callback's signed time may be from now (either way) before it is refused as a replay.</summary>
    public TimeSpan WebhookTolerance { get; set; } = DefaultWebhookTolerance;
}
