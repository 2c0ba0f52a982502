using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WalletFlow.Adapters.Payments.Sandbox;

/// <summary>
/// Starts the sandbox rail with the host when <c>Payments:Sandbox:Enabled</c> is true (the local
/// default) and stops it with the host. The <c>sandbox</c> provider reads <see cref="BaseUrl"/> at
/// each call, so the ephemeral port needs no configuration. Stopping the host stops the rail.
/// </summary>
public sealed class SandboxRailHost : IHostedService
{
    private static readonly TimeSpan SlowMargin = TimeSpan.FromSeconds(5);

    private readonly PaymentsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private SandboxRail? _rail;
    private Uri? _webhookUrl;

    public SandboxRailHost(IOptions<PaymentsOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _loggers = loggers;
    }

    /// <summary>The running rail, or null before start, after stop, or when the sandbox is disabled.</summary>
    public SandboxRail? Rail => Volatile.Read(ref _rail);

    /// <summary>The running rail's base URL, or null.</summary>
    public Uri? BaseUrl => Rail?.BaseUrl;

    /// <summary>
    /// Where the rail posts its callbacks: <c>Payments:Sandbox:WebhookUrl</c> until set here. The host
    /// sets it to its own webhook endpoint once Kestrel has its address (often an ephemeral port, so
    /// configuration cannot say it); it applies to the running rail and to one started later.
    /// </summary>
    public Uri? WebhookUrl
    {
        get => Volatile.Read(ref _webhookUrl) ?? _options.Sandbox.WebhookUrl;
        set
        {
            Volatile.Write(ref _webhookUrl, value);
            if (Rail is { } rail)
                rail.WebhookUrl = value;
        }
    }

    /// <summary>The settings the rail starts with: the sandbox provider's webhook secret, so its callbacks verify.</summary>
    public static SandboxRailSettings SettingsFrom(PaymentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var provider = options.Providers.GetValueOrDefault(SandboxRailOptions.ProviderId) ?? new PaymentProviderOptions();
        var sandbox = options.Sandbox;
        // Digit 6 must outlast the submit timeout of the provider that calls it, or it would not be slow.
        return new SandboxRailSettings(sandbox.Port, sandbox.SettleAfterQueries,
            sandbox.SlowResponseDelay ?? provider.SubmitTimeout + SlowMargin, sandbox.WebhookUrl, provider.WebhookSecret);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Sandbox.Enabled || Rail is not null)
            return;
        var rail = await SandboxRail.StartAsync(SettingsFrom(_options) with { WebhookUrl = WebhookUrl }, _time, _loggers, cancellationToken);
        Volatile.Write(ref _rail, rail);
        _loggers.CreateLogger<SandboxRailHost>().LogInformation("Sandbox payment rail listening on {Url} (provider '{ProviderId}')",
            rail.BaseUrl, SandboxRailOptions.ProviderId);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _rail, null) is { } rail)
            await rail.DisposeAsync();
    }
}
