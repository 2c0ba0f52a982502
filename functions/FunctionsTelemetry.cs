using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WalletFlow.Core.Telemetry;

namespace WalletFlow.Functions;

/// <summary>
/// The Functions app's OpenTelemetry: the same instruments as host/ (walletflow's meter and activity
/// source, the Durable Task worker's source, HttpClient and Npgsql), exported over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the invocation's trace context comes from the Functions host
/// (<c>UseFunctionsWorkerDefaults</c>). There is no /metrics here: a Functions app is not scraped.
/// </summary>
public static class FunctionsTelemetry
{
    /// <summary>The Durable Task worker's activity source (orchestration, activity and timer spans).</summary>
    public const string DurableTaskSource = "Microsoft.DurableTask";

    public static IServiceCollection AddWalletFlowFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
            || configuration.GetValue<bool?>("Telemetry:Enabled") == false)
            return services;
        services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(traces => traces
                .AddSource(WalletFlowTelemetry.Name, DurableTaskSource)
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(WalletFlowTelemetry.Name)
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation())
            .UseOtlpExporter();
        return services;
    }
}
