using System.Net;
using WalletFlow.Adapters.Payments.Sandbox;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Payments;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Adapters.Payments;

/// <summary>The configured providers by id (<c>Payments:Providers</c>), each an <see cref="HttpPaymentProvider"/>.</summary>
public sealed class PaymentProviderRegistry : IPaymentProviderRegistry, IDisposable
{
    private readonly Dictionary<string, IPaymentProvider> _providers;
    private readonly HttpClient? _ownedClient;

    /// <summary>A registry of the given providers (tests, or a host that builds its own).</summary>
    public PaymentProviderRegistry(IEnumerable<IPaymentProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _providers = providers.ToDictionary(p => p.ProviderId, StringComparer.Ordinal);
        ProviderIds = [.. _providers.Keys.Order(StringComparer.Ordinal)];
    }

    private PaymentProviderRegistry(IEnumerable<IPaymentProvider> providers, HttpClient ownedClient)
        : this(providers) => _ownedClient = ownedClient;

    public IReadOnlyList<string> ProviderIds { get; }

    /// <summary>
    /// The providers of validated <paramref name="options"/>. The <c>sandbox</c> provider without a
    /// BaseUrl calls whatever rail <paramref name="sandbox"/> is running at the time of the call.
    /// </summary>
    public static PaymentProviderRegistry FromOptions(PaymentsOptions options, TimeProvider time, SandboxRailHost? sandbox)
    {
        ArgumentNullException.ThrowIfNull(options);
        var http = CreateClient();
        var providers = options.Providers.Select(entry =>
        {
            var (id, o) = (entry.Key, entry.Value);
            Func<Uri?> baseUrl = o.BaseUrl is { } url ? () => url
                : id == SandboxRailOptions.ProviderId && sandbox is not null ? () => sandbox.BaseUrl
                : () => null;
            var settings = new PaymentProviderSettings(id, baseUrl, ParseCurrencies(o.Currencies).ToHashSet(),
                o.SubmitTimeout, o.QueryTimeout, o.ApiKey, o.WebhookSecret) { WebhookTolerance = o.WebhookTolerance };
            return (IPaymentProvider)new HttpPaymentProvider(settings, http, time);
        });
        return new PaymentProviderRegistry(providers.ToList(), http);
    }

    public Result<IPaymentProvider> Find(string providerId) =>
        providerId is not null && _providers.TryGetValue(providerId, out var provider)
            ? Result.Success(provider)
            : new UnknownProvider(providerId ?? "", ProviderIds);

    public Result<IPaymentProvider> ForPayout(string providerId, Currency currency) =>
        Find(providerId).Then(provider => provider.Currencies.Contains(currency)
            ? Result.Success(provider)
            : Result.Failure<IPaymentProvider>(new CurrencyNotServed(provider.ProviderId, currency, provider.Currencies)));

    public void Dispose() => _ownedClient?.Dispose();

    /// <summary>The codes of a <c>Currencies</c> setting (<c>"NGN, KES"</c>), trimmed, empty entries dropped.</summary>
    public static IReadOnlyList<string> CurrencyCodes(string? setting) =>
        (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IEnumerable<Currency> ParseCurrencies(string? setting) =>
        CurrencyCodes(setting).Select(CurrencyCatalog.Default.Require);

    // One client for every provider: the timeouts are per call (HttpPaymentProvider), redirects are not
    // followed (a redirected POST would be re-sent as a GET; a 3xx is ambiguous instead), and pooled
    // connections are recycled so a provider's DNS change is picked up.
    private static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AutomaticDecompression = DecompressionMethods.All,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
