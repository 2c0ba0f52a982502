using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Adapters.Payments;

namespace WalletFlow.Tests.Integration.Payments;

/// <summary>A webhook endpoint on 127.0.0.1 that keeps each callback's raw bytes and signature header.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    // Only a guard against a hang; the tests wait for a callback, they do not time it.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly Channel<Callback> _received = Channel.CreateUnbounded<Callback>();

    public sealed record Callback(byte[] Body, string? Signature);

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            receiver._received.Writer.TryWrite(new Callback(body.ToArray(), context.Request.Headers[ProviderProtocol.SignatureHeader].FirstOrDefault()));
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/webhooks/payments/sandbox");
        return receiver;
    }

    public async Task<Callback> NextAsync(CancellationToken ct) =>
        await _received.Reader.ReadAsync(ct).AsTask().WaitAsync(Guard, ct);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
