namespace WalletFlow.Host.Telemetry;

/// <summary>The <c>Telemetry</c> section: OpenTelemetry on or off (the standard <c>OTEL_*</c> variables say where it goes).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// Metrics on <c>/metrics</c>, and traces, metrics and logs over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
    /// is set. False: no OpenTelemetry at all (nothing measured, <c>/metrics</c> answers 404).
    /// </summary>
    public bool Enabled { get; set; } = true;
}
