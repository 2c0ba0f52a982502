using Npgsql;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Telemetry;
using WalletFlow.Host.Identity;

namespace WalletFlow.Host.Telemetry;

/// <summary>
/// Where walletflow's telemetry goes (design.md §12). The instruments are core's and adapters'
/// (<see cref="WalletFlowTelemetry"/>); this only wires exporters and the libraries' own instrumentation:
/// ASP.NET Core, HttpClient (provider and Formance calls), Npgsql, and the Durable Task worker and client.
/// Metrics are always served on <see cref="MetricsPath"/> (Prometheus text, scope <c>metrics:read</c>);
/// with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set (and the other standard <c>OTEL_*</c> variables), traces,
/// metrics and logs also go over OTLP. <c>Telemetry:Enabled=false</c> turns all of it off.
/// </summary>
public static class WalletFlowTelemetryHosting
{
    /// <summary>Where Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The resource's <c>service.name</c> unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "walletflow";

    /// <summary>The Durable Task client's and worker's activity source: orchestration, activity and timer spans.</summary>
    public const string DurableTaskSource = "Microsoft.DurableTask";

    /// <summary>Meters exported besides instrumentation's: walletflow's own.</summary>
    public static IReadOnlyList<string> Meters { get; } = [WalletFlowTelemetry.Name];

    /// <summary>Activity sources traced besides instrumentation's: walletflow's own and the Durable Task runtime's.</summary>
    public static IReadOnlyList<string> Sources { get; } = [WalletFlowTelemetry.Name, DurableTaskSource];

    /// <summary>Whether <c>Telemetry:Enabled</c> (default true) is on.</summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        configuration.GetValue<bool?>($"{TelemetryOptions.Section}:{nameof(TelemetryOptions.Enabled)}") ?? true;

    /// <summary>Whether an OTLP endpoint is configured (for every signal or for traces, metrics or logs alone).</summary>
    public static bool OtlpConfigured(IConfiguration configuration) =>
        OtlpEndpointKeys.Any(key => !string.IsNullOrWhiteSpace(configuration[key]));

    private static readonly string[] OtlpEndpointKeys =
        ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"];

    /// <param name="builder">The web application being built.</param>
    /// <param name="tracing">More trace configuration (tests add an in-memory exporter); traces are recorded when this is given or OTLP is configured.</param>
    public static WebApplicationBuilder AddWalletFlowTelemetry(this WebApplicationBuilder builder, Action<TracerProviderBuilder>? tracing = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TelemetryOptions>()
            .Bind(builder.Configuration.GetSection(TelemetryOptions.Section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        if (!IsEnabled(builder.Configuration))
            return builder;

        var otlp = OtlpConfigured(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. Meters])
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsqlInstrumentation()
                    // Every scrape collects afresh: a scrape right after a movement sees it.
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp)
                    metrics.AddOtlpExporter();
            });

        // Without an exporter a span is work for nobody: traces are recorded only when they go somewhere.
        if (otlp || tracing is not null)
        {
            telemetry.WithTracing(traces =>
            {
                traces.AddSource([.. Sources])
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => IsTraced(context.Request))
                    .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = request => !IsGrpc(request.Content?.Headers.ContentType?.MediaType))
                    .AddNpgsql();
                if (otlp)
                    traces.AddOtlpExporter();
                tracing?.Invoke(traces);
            });
        }
        if (otlp)
        {
            builder.Logging.AddOpenTelemetry(logs =>
            {
                logs.IncludeFormattedMessage = true;
                logs.AddOtlpExporter();
            });
        }
        return builder;
    }

    /// <summary>Maps <see cref="MetricsPath"/> (scope <c>metrics:read</c>) when telemetry is on.</summary>
    public static WebApplication MapWalletFlowMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (IsEnabled(app.Configuration))
            app.MapPrometheusScrapingEndpoint(MetricsPath).WithMetadata(new HttpMethodMetadata([HttpMethods.Get])).RequireScope(Scopes.MetricsRead);
        return app;
    }

    // Not traced: the in-process Durable Task sidecar's gRPC (the worker's own spans say what it did),
    // scrapes and health probes (every few seconds, they would drown the traces that matter).
    private static bool IsTraced(HttpRequest request) =>
        !IsGrpc(request.ContentType)
        && !request.Path.StartsWithSegments(MetricsPath, StringComparison.Ordinal)
        && !request.Path.StartsWithSegments("/health", StringComparison.Ordinal);

    private static bool IsGrpc(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);
}
