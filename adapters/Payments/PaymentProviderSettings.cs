using WalletFlow.Core.Monetary;

namespace WalletFlow.Adapters.Payments;

/// <summary>
/// A provider's validated settings as the HTTP adapter uses them. The base URL is read at each call
/// because the in-process sandbox rail only has one (an ephemeral port) once the host has started it.
/// </summary>
/// <param name="ProviderId">The provider id.</param>
/// <param name="BaseUrl">The base URL now, or null while it has none (then every call is ambiguous).</param>
/// <param name="Currencies">What the provider pays out in.</param>
/// <param name="SubmitTimeout">Budget of one submit.</param>
/// <param name="QueryTimeout">Budget of one requery.</param>
/// <param name="ApiKey">Bearer credential, if any.</param>
/// <param name="WebhookSecret">HMAC key of the provider's callbacks, if any.</param>
public sealed record PaymentProviderSettings(
    string ProviderId,
    Func<Uri?> BaseUrl,
    IReadOnlySet<Currency> Currencies,
    TimeSpan SubmitTimeout,
    TimeSpan QueryTimeout,
    string? ApiKey,
    string? WebhookSecret)
{
    /// <summary>How far a callback's signed time may be from now before it is refused as a replay.</summary>
    public TimeSpan WebhookTolerance { get; init; } = PaymentProviderOptions.DefaultWebhookTolerance;

    /// <summary>Settings with a fixed base URL.</summary>
    public static PaymentProviderSettings Fixed(string providerId, Uri baseUrl, IEnumerable<Currency> currencies,
        TimeSpan submitTimeout, TimeSpan queryTimeout, string? apiKey = null, string? webhookSecret = null) =>
        new(providerId, () => baseUrl, currencies.ToHashSet(), submitTimeout, queryTimeout, apiKey, webhookSecret);
}
