using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask;
using OpenTelemetry.Trace;
using WalletFlow.Activities.Cutover;
using WalletFlow.Activities.Corrections;
using WalletFlow.Activities.Payouts;
using WalletFlow.Activities.Reserves;
using WalletFlow.Adapters;
using WalletFlow.Adapters.Payments;
using WalletFlow.Adapters.Postgres;
using WalletFlow.Adapters.Payments.Sandbox;
using WalletFlow.Host.Api;
using WalletFlow.Host.Durable;
using WalletFlow.Host.Health;
using WalletFlow.Host.Identity;
using WalletFlow.Host.LedgerApi;
using WalletFlow.Host.Ops;
using WalletFlow.Host.Payouts;
using WalletFlow.Host.Reserves;
using WalletFlow.Host.Telemetry;
using WalletFlow.Orchestrations.Cutover;
using WalletFlow.Orchestrations.Corrections;
using WalletFlow.Orchestrations.Payouts;
using WalletFlow.Orchestrations.Reserves;

namespace WalletFlow.Host;

/// <summary>
/// The self-hosted walletflow process: database (configured or private cluster), migrations, then the
/// HTTP endpoints. Disposing it stops the web server and then the private cluster.
/// </summary>
public sealed class WalletFlowServer : IAsyncDisposable
{
    /// <summary>Kestrel's address when neither --urls nor ASPNETCORE_URLS says otherwise: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    private readonly WebApplication _app;

    private WalletFlowServer(WebApplication app, IReadOnlyList<Uri> addresses, IReadOnlyList<Uri> ledgerApiAddresses)
    {
        _app = app;
        Addresses = addresses;
        LedgerApiAddresses = ledgerApiAddresses;
    }

    /// <summary>The main API's bound addresses (port 0 resolved).</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    /// <summary>The ledger API's bound addresses (<c>LedgerApi:Urls</c>, port 0 resolved); empty unless <c>LedgerApi:Enabled</c>.</summary>
    public IReadOnlyList<Uri> LedgerApiAddresses { get; }
    public IServiceProvider Services => _app.Services;

    /// <param name="args">ASP.NET Core configuration arguments (<c>--urls</c>, <c>--Section:Key=value</c>).</param>
    /// <param name="ct">Cancels start-up (Ctrl-C while the database starts).</param>
    /// <param name="registerTasks">More orchestrators and activities for the durable worker (tests add their own).</param>
    /// <param name="tracing">More trace configuration: tests add an in-memory exporter (host/Telemetry).</param>
    public static async Task<WalletFlowServer> StartAsync(string[] args, CancellationToken ct, Action<DurableTaskRegistry>? registerTasks = null,
        Action<TracerProviderBuilder>? tracing = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        WalletFlowLogging.Configure(builder.Logging, builder.Configuration);
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.AddWalletFlowLedgerApi();
        builder.AddWalletFlowTelemetry(tracing);

        builder.Services.AddWalletFlow(builder.Configuration);
        builder.Services.AddWalletFlowHealthChecks();
        builder.Services.AddWalletFlowIdentity(builder.Configuration);
        builder.Services.AddWalletFlowApi(builder.Configuration);
        builder.Services.AddWalletFlowOps();
        builder.Services.AddWalletFlowDurable(builder.Configuration, registry =>
        {
            registry.AddOrchestrator<PayoutSaga>();
            registry.AddPayoutActivities();
            registry.AddOrchestrator<CorrectionWorkflow>();
            registry.AddCorrectionActivities();
            registry.AddOrchestrator<CutoverWorkflow>();
            registry.AddOrchestrator<CutoverRollbackWorkflow>();
            registry.AddCutoverActivities();
            registry.AddOrchestrator<ReserveMaturityRun>();
            registry.AddReserveActivities();
            registerTasks?.Invoke(registry);
        });
        builder.Services.AddHostedService<PayoutSweeperService>();
        builder.Services.AddHostedService<ReserveMaturityService>();

        var app = builder.Build();
        app.UseWalletFlowIdentity();
        app.MapWalletFlowHealth();
        app.MapWalletFlowMetrics();
        app.MapLedgerApi();
        app.MapV1Api();
        app.MapReportsApi().MapGatesApi();
        app.MapOpsConsole();
        try
        {
            // serve owns its private cluster: a second serve on the same data directory is refused.
            var database = await WalletFlowHostDefaults.PrepareDatabaseAsync(app.Services, ClusterClaim.Exclusive, ct);
            await app.Services.GetRequiredService<AdminKeyFile>().EnsureAsync(ct);
            await app.StartAsync(ct);
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
                .Addresses.Select(a => new Uri(a)).ToList();
            var ledgerApi = app.Services.GetRequiredService<LedgerApiListener>();
            var addresses = bound.Where(a => !ledgerApi.Owns(a)).ToList();
            var ledgerApiAddresses = bound.Where(ledgerApi.Owns).ToList();
            // The sandbox rail calls back the host's own webhook once the host knows its address.
            var sandbox = app.Services.GetRequiredService<SandboxRailHost>();
            sandbox.WebhookUrl ??= new Uri(addresses[0], $"/v1/providers/{SandboxRailOptions.ProviderId}/webhook");
            app.Logger.LogInformation("walletflow listening on {Urls}; {Database}",
                string.Join(", ", addresses), database.Description);
            if (ledgerApiAddresses.Count > 0)
                app.Logger.LogWarning("The raw ledger API (LedgerApi:Enabled) is listening on {Urls}: it can create money", string.Join(", ", ledgerApiAddresses));
            return new WalletFlowServer(app, addresses, ledgerApiAddresses);
        }
        catch
        {
            await app.DisposeAsync(); // stops a private cluster that was already started
            throw;
        }
    }

    public Task WaitForShutdownAsync(CancellationToken ct) => _app.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
