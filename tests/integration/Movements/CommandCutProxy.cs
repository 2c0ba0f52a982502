using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace WalletFlow.Tests.Integration.Movements;

/// <summary>
/// A real loopback HTTP proxy in front of a Formance-compatible ledger that forwards every request as
/// it is. Armed with <see cref="CutAfterNextPost"/>, it runs the cut once the ledger has answered a
/// POST …/transactions successfully and before that answer reaches walletflow: the ledger has
/// committed, walletflow has not yet committed its command.
/// </summary>
public sealed partial class CommandCutProxy : IAsyncDisposable
{
    private static readonly string[] ForwardedHeaders = ["Idempotency-Key", "Authorization", "Accept"];

    private readonly WebApplication _app;
    private readonly HttpClient _http = new();
    private readonly Uri _upstream;
    private Func<Task>? _cut;

    private CommandCutProxy(WebApplication app, Uri upstream)
    {
        _app = app;
        _upstream = upstream;
    }

    /// <summary>The proxy's base URL (give it as <c>Ledger:Formance:BaseUrl</c>).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>How many cuts have run.</summary>
    public int Cuts { get; private set; }

    /// <param name="upstream">The ledger's base URL (the one serving <c>v2/...</c>), ending with '/'.</param>
    /// <param name="bearer">A key the proxy sends upstream when the caller sends none (walletflow's ledger API wants <c>ledger:admin</c>).</param>
    public static async Task<CommandCutProxy> StartAsync(Uri upstream, string? bearer = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new CommandCutProxy(app, upstream);
        if (bearer is not null)
            proxy._http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        proxy.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return proxy;
    }

    /// <summary>Runs <paramref name="cut"/> after the next successful transaction POST, before its answer is sent on.</summary>
    public void CutAfterNextPost(Func<Task> cut) => Volatile.Write(ref _cut, cut);

    private async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        using var forward = new HttpRequestMessage(new HttpMethod(request.Method),
            new Uri(_upstream, request.Path.ToUriComponent().TrimStart('/') + request.QueryString.ToUriComponent()));
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > 0)
        {
            forward.Content = new ByteArrayContent(body.ToArray());
            if (request.ContentType is { } contentType)
                forward.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        foreach (var header in ForwardedHeaders)
        {
            if (request.Headers.TryGetValue(header, out var values))
                forward.Headers.TryAddWithoutValidation(header, values.ToArray());
        }

        using var answer = await _http.SendAsync(forward, context.RequestAborted);
        var bytes = await answer.Content.ReadAsByteArrayAsync(context.RequestAborted);
        if (answer.IsSuccessStatusCode && HttpMethods.IsPost(request.Method) && TransactionsPath().IsMatch(request.Path.Value ?? "")
            && Interlocked.Exchange(ref _cut, null) is { } cut)
        {
            await cut();
            Cuts++;
        }
        context.Response.StatusCode = (int)answer.StatusCode;
        if (answer.Content.Headers.ContentType is { } type)
            context.Response.ContentType = type.ToString();
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    [GeneratedRegex("^/v2/[^/]+/transactions$")]
    private static partial Regex TransactionsPath();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _http.Dispose();
    }
}
