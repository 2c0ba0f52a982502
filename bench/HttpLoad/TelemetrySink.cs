using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WalletFlow.Bench.HttpLoad;

/// <summary>
/// What a monitored walletflow exports to, inside the bench: an OTLP/HTTP receiver on loopback that
/// takes every export (traces, metrics, logs) and answers as a collector does, and a Prometheus-like
/// scraper of /metrics. It only counts what it receives, so the host pays for its telemetry as it would in
/// production while nothing else competes for the machine.
/// </summary>
internal sealed class TelemetrySink : IAsyncDisposable
{
    /// <summary>The host's environment with telemetry off.</summary>
    public static IReadOnlyDictionary<string, string> Off { get; } = new Dictionary<string, string> { ["Telemetry__Enabled"] = "false" };

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private long _exports;
    private long _bytes;
    private long _scrapes;
    private long _scrapedBytes;

    private TelemetrySink(Uri endpoint) => Endpoint = endpoint;

    public Uri Endpoint { get; }

    /// <summary>The host's environment with telemetry on, exporting here.</summary>
    public IReadOnlyDictionary<string, string> HostEnvironment => new Dictionary<string, string>
    {
        ["Telemetry__Enabled"] = "true",
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
    };

    public static TelemetrySink Start()
    {
        var port = FreePort();
        var sink = new TelemetrySink(new Uri($"http://127.0.0.1:{port}/"));
        sink._listener.Prefixes.Add(sink.Endpoint.ToString());
        sink._listener.Start();
        sink._loops.Add(Task.Run(sink.ReceiveAsync));
        return sink;
    }

    /// <summary>Scrapes the host's /metrics every <paramref name="interval"/> (the admin key <paramref name="api"/> sends may read it).</summary>
    public void ScrapeEvery(TimeSpan interval, HttpClient api) =>
        _loops.Add(Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var text = await api.GetStringAsync(new Uri("/metrics", UriKind.Relative), _stop.Token);
                    Interlocked.Increment(ref _scrapes);
                    Interlocked.Add(ref _scrapedBytes, text.Length);
                    await Task.Delay(interval, _stop.Token);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }));

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"telemetry: {Interlocked.Read(ref _exports)} OTLP exports received ({Interlocked.Read(ref _bytes) / 1024.0:F0} KiB), {Interlocked.Read(ref _scrapes)} scrapes of /metrics ({Interlocked.Read(ref _scrapedBytes) / 1024.0:F0} KiB)");

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Interlocked.Increment(ref _exports);
            Interlocked.Add(ref _bytes, body.Length);
            // An empty Export*ServiceResponse: everything accepted.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.ContentLength64 = 0;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await Task.WhenAll(_loops);
        _listener.Close();
        _stop.Dispose();
    }
}
