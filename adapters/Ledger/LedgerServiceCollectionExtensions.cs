using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;
using WalletFlow.Adapters.Ledger.Formance;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Ledger;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ledger port from <c>Ledger:*</c>: the embedded ledger in-process (Mode=Embedded,
    /// the default; needs the NpgsqlDataSource and TimeProvider that AddWalletFlow registers) or the
    /// Formance adapter (Mode=Formance). The Formance client is registered in both modes, for tools
    /// and tests that talk to a Formance-compatible server.
    /// </summary>
    public static IServiceCollection AddWalletFlowLedger(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LedgerOptions>()
            .Bind(configuration.GetSection(LedgerOptions.Section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LedgerOptions>, LedgerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<EmbeddedLedger>();
        services.TryAddSingleton<EmbeddedLedgerPort>();
        if (!services.Any(d => d.ServiceType == typeof(FormanceLedgerClient)))
            services.AddFormanceLedgerClient();
        services.TryAddSingleton<FormanceLedger>();
        services.TryAddSingleton<ILedger>(sp => sp.GetRequiredService<IOptions<LedgerOptions>>().Value.Mode == LedgerMode.Formance
            ? sp.GetRequiredService<FormanceLedger>()
            : sp.GetRequiredService<EmbeddedLedgerPort>());
        return services;
    }

    /// <summary>
    /// The Refit client for <c>Ledger:Formance</c>: base URL, per-attempt and total timeouts, retries
    /// of transient failures only for GETs and for writes that carry an Idempotency-Key (a retried
    /// write is then a replay), optional client-credentials tokens.
    /// </summary>
    public static IHttpClientBuilder AddFormanceLedgerClient(this IServiceCollection services)
    {
        services.TryAddSingleton<FormanceTokenSource>();
        services.TryAddTransient<ClientCredentialsHandler>();
        services.TryAddTransient<FilterBodyHandler>();
        services.AddHttpClient(FormanceTokenSource.TokenClientName);
        services.TryAddTransient<FormanceLedgerClient>();
        var settings = new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(LedgerJson.Options) };
        var builder = services.AddRefitGeneratedClient<IFormanceLedgerApi>(settings)
            .ConfigureHttpClient((sp, http) =>
            {
                var formance = sp.GetRequiredService<IOptions<LedgerOptions>>().Value.Formance;
                if (formance.BaseUrl is { } url)
                    http.BaseAddress = url;
                http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns timeouts
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            });
        builder.AddStandardResilienceHandler().Configure((options, sp) =>
        {
            var formance = sp.GetRequiredService<IOptions<LedgerOptions>>().Value.Formance;
            options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(formance.AttemptTimeoutSeconds);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(formance.TotalTimeoutSeconds);
            options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, 2 * formance.AttemptTimeoutSeconds));
            options.Retry.MaxRetryAttempts = Math.Max(formance.MaxRetries, 1);
            options.Retry.Delay = TimeSpan.FromMilliseconds(formance.RetryDelayMilliseconds);
            var retries = formance.MaxRetries;
            options.Retry.ShouldHandle = args => ValueTask.FromResult(
                retries > 0 && args.AttemptNumber < retries && IsSafeToRetry(args.Context.GetRequestMessage())
                && HttpClientResiliencePredicates.IsTransient(args.Outcome));
        });
        builder.AddHttpMessageHandler<FilterBodyHandler>();
        builder.AddHttpMessageHandler(sp => sp.GetRequiredService<IOptions<LedgerOptions>>().Value.Formance.UsesClientCredentials
            ? sp.GetRequiredService<ClientCredentialsHandler>()
            : new PassThroughHandler());
        return builder;
    }

    /// <summary>A GET reads; a write is safe to repeat only when its Idempotency-Key makes the repeat a replay.</summary>
    public static bool IsSafeToRetry(HttpRequestMessage? request) =>
        request is not null && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head
            || (request.Headers.TryGetValues(IFormanceLedgerApi.IdempotencyKeyHeader, out var keys) && keys.Any(k => k.Length > 0)));

    private sealed class PassThroughHandler : DelegatingHandler;
}
