using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using DurableTask.Core;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Options;

namespace WalletFlow.Host.Durable;

/// <summary>
/// The Durable Task sidecar inside the walletflow process: InProcessTestHost's <see cref="TaskHubGrpcServer"/>
/// over the configured <see cref="IDurableBackend"/>, on its own Kestrel listener bound to 127.0.0.1 only
/// (never the API's addresses: nothing outside the process should drive orchestrations directly).
/// Loopback is not enough on a shared machine (any local user or process can connect), so every call
/// must also carry this process's random secret, which only the in-process worker and client know.
/// Registered before the worker, so the host starts it first and stops it last.
/// </summary>
public sealed class DurableSidecar : IHostedService, IAsyncDisposable
{
    /// <summary>The gRPC metadata key that carries the process's secret (lower case, as gRPC requires).</summary>
    public const string SecretHeader = "walletflow-sidecar-secret";

    private readonly IDurableBackend _backend;
    private readonly DurableOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<DurableSidecar> _logger;
    private WebApplication? _server;
    private GrpcChannel? _channel;
    private CallInvoker? _channelInvoker;
    private bool _backendStarted;

    // Random per process, never logged or configured: a caller that has it is this process.
    private readonly byte[] _secret = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));

    public DurableSidecar(IDurableBackend backend, IOptions<DurableOptions> options, ILoggerFactory loggerFactory)
    {
        _backend = backend;
        _options = options.Value;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<DurableSidecar>();
        CallInvoker = new SidecarCallInvoker(() => _channelInvoker
            ?? throw new InvalidOperationException("The durable sidecar is not running (the host has not started, or has stopped)."),
            Encoding.ASCII.GetString(_secret));
    }

    /// <summary>The sidecar's gRPC endpoint (http://127.0.0.1:port), once started.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>What the worker and the client call the sidecar through.</summary>
    public CallInvoker CallInvoker { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _backend.CreateIfNotExistsAsync(cancellationToken);
        await _backend.Service.StartAsync();
        _backendStarted = true;

        // An empty builder: no configuration sources, so ASPNETCORE_URLS and the API's --urls cannot
        // widen where the sidecar listens.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, _options.SidecarPort, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(_loggerFactory); // the process's logging; not disposed by the sidecar
        builder.Services.AddLogging();
        builder.Services.AddRoutingCore();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(_ => new SidecarOrchestrationService(
            _backend, _options.MaxConcurrentOrchestrations, _options.MaxConcurrentActivities)); // the sidecar's container disposes it
        builder.Services.AddSingleton(_backend.Client);
        builder.Services.AddOptions<TaskHubGrpcServerOptions>();
        builder.Services.AddSingleton<TaskHubGrpcServer>();

        var server = builder.Build();
        server.Use(RefuseStrangersAsync);
        server.UseRouting();
        server.MapGrpcService<TaskHubGrpcServer>();
        // Built now, so it hooks the sidecar's ApplicationStarted/Stopping that start and stop its dispatchers.
        server.Services.GetRequiredService<TaskHubGrpcServer>();
        try
        {
            await server.StartAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            await StopBackendAsync();
            throw;
        }
        _server = server;
        Address = new Uri(server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        _channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions { LoggerFactory = _loggerFactory });
        _channelInvoker = _channel.CreateCallInvoker();
        _logger.LogInformation("Durable sidecar listening on {Address}; {Backend}", Address, _backend.Description);
    }

    // First in the sidecar's pipeline: a call without the secret reaches no gRPC service. The answer is
    // gRPC's trailers-only form (status in the headers), which every gRPC client reads as the call's status.
    private Task RefuseStrangersAsync(HttpContext context, RequestDelegate next)
    {
        var presented = context.Request.Headers[SecretHeader];
        if (presented.Count == 1 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented[0] ?? ""), _secret))
            return next(context);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)StatusCode.Unauthenticated).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = "the durable sidecar answers only the process that started it";
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The worker has stopped already: it was registered after the sidecar. Stopping the sidecar's
        // host stops its dispatchers (TaskHubGrpcServer hooks ApplicationStopping); then the backend.
        if (_server is not null)
            await _server.StopAsync(cancellationToken);
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _channelInvoker = null;
        if (_channel is not null)
        {
            await _channel.ShutdownAsync();
            _channel.Dispose();
            _channel = null;
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
        await StopBackendAsync();
    }

    private async Task StopBackendAsync()
    {
        if (!_backendStarted)
            return;
        _backendStarted = false;
        try
        {
            await _backend.Service.StopAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Stopping must not fail the host's shutdown; what was committed to the backend stays there.
            _logger.LogWarning(e, "Stopping the durable backend ({Backend}) failed", _backend.Description);
        }
    }
}
