using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Adapters.Payments.Sandbox;
using WalletFlow.Core.Ports;
using static WalletFlow.Tests.Integration.Payments.Payouts;

namespace WalletFlow.Tests.Integration.Payments;

/// <summary>
/// A provider that misbehaves on the wire: every failure to get a protocol answer is Ambiguous (the
/// provider may have paid), never an exception and never a rejection.
/// </summary>
public sealed class ProviderTransportTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly HttpClient _http = Client();
    private WebApplication _server = null!;
    private Uri _url = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        // The first path segment picks the misbehaviour; the provider's base URL includes it.
        _server.Run(async context =>
        {
            var mode = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            switch (mode)
            {
                case "http500":
                    context.Response.StatusCode = 500;
                    await context.Response.WriteAsync("""{"error":"internal"}""", Ct);
                    break;
                case "garbage":
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("<html><body>Service Temporarily Unavailable</body></html>", Ct);
                    break;
                case "truncated":
                    context.Response.ContentLength = 200;
                    await context.Response.WriteAsync("""{"payoutId":"po-1","sta""", Ct);
                    await context.Response.Body.FlushAsync(Ct);
                    context.Abort();
                    break;
                default:
                    context.Response.StatusCode = 404;
                    break;
            }
        });
        await _server.StartAsync(Ct);
        _url = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }

    private async Task<ProviderOutcome.Ambiguous> SubmitAndQueryAreAmbiguous(Uri baseUrl)
    {
        var provider = Provider(baseUrl, _http);
        var payout = Instruction(SandboxScript.InstantSuccess);
        var submit = Assert.IsType<ProviderOutcome.Ambiguous>(await provider.SubmitAsync(payout, Ct));
        Assert.IsType<ProviderOutcome.Ambiguous>(await provider.QueryAsync(payout.PayoutId, Ct));
        return submit;
    }

    [Fact]
    public async Task A_500_is_ambiguous()
    {
        var outcome = await SubmitAndQueryAreAmbiguous(new Uri(_url, "http500/"));
        Assert.StartsWith("HTTP 500", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_garbage_body_is_ambiguous_and_quoted()
    {
        var outcome = await SubmitAndQueryAreAmbiguous(new Uri(_url, "garbage/"));
        Assert.Contains("Service Temporarily Unavailable", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_cut_off_mid_answer_is_ambiguous()
    {
        var outcome = await SubmitAndQueryAreAmbiguous(new Uri(_url, "truncated/"));
        Assert.StartsWith("transport failure", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_ambiguous()
    {
        var port = FreePort();
        var outcome = await SubmitAndQueryAreAmbiguous(new Uri($"http://127.0.0.1:{port}/"));
        Assert.Contains("ConnectionError", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_reset_after_the_request_was_sent_is_ambiguous()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var resets = ResetEveryConnectionAsync(listener, stop.Token);

        var outcome = await SubmitAndQueryAreAmbiguous(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"));

        Assert.StartsWith("transport failure", outcome.Detail, StringComparison.Ordinal);
        await stop.CancelAsync();
        listener.Stop();
        Assert.True(await resets >= 2, "both calls reached the listener before the reset");
    }

    // Reads the request (so it really left the client), then closes with linger 0: the kernel sends RST.
    private static async Task<int> ResetEveryConnectionAsync(TcpListener listener, CancellationToken ct)
    {
        var count = 0;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using var socket = await listener.AcceptSocketAsync(ct);
                var buffer = new byte[4096];
                await socket.ReceiveAsync(buffer, ct);
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
                count++;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
        return count;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
