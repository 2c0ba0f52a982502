using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace WalletFlow.Host.Telemetry;

/// <summary>
/// Console logging of every walletflow command: <c>Logging:Format</c> <c>simple</c> (the default, one line
/// an entry for a person) or <c>json</c> (one JSON object an entry for a log shipper: category, level,
/// message, its structured values, and the trace and span ids of the request or step that wrote it).
/// </summary>
public static class WalletFlowLogging
{
    /// <summary>The configuration key choosing the format.</summary>
    public const string FormatKey = "Logging:Format";

    public static void Configure(ILoggingBuilder logging, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(configuration);
        logging.ClearProviders();
        // Every entry written inside a span carries its ids (as a scope: the json format writes them).
        logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        switch (configuration[FormatKey]?.Trim().ToLowerInvariant())
        {
            case null or "" or "simple":
                logging.AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss ";
                    o.UseUtcTimestamp = true;
                });
                break;
            case "json":
                logging.AddJsonConsole(o =>
                {
                    o.IncludeScopes = true;
                    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                    o.UseUtcTimestamp = true;
                    o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
                });
                break;
            default:
                throw new OptionsValidationException(FormatKey, typeof(ConsoleLoggerOptions),
                    [$"{FormatKey} is '{configuration[FormatKey]}': use simple (the default) or json."]);
        }
    }
}
