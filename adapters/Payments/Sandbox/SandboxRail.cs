using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Payments.Sandbox;

/// <summary>
/// A payment rail on 127.0.0.1 that speaks walletflow's provider protocol (README.md beside this
/// folder) with outcomes scripted by the beneficiary's account number (<see cref="SandboxScripts"/>).
/// It is a real Kestrel server, so the HTTP adapter's timeouts, resets and parsing are exercised for
/// real. Idempotent by payout id; records every request; posts signed callbacks on status changes.
/// </summary>
public sealed class SandboxRail : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, SandboxPayout> _payouts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SandboxRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly SandboxCallbacks _callbacks;
    private Uri? _webhookUrl;

    private SandboxRail(WebApplication app, SandboxRailSettings settings, TimeProvider time, ILogger log)
    {
        _app = app;
        Settings = settings;
        _time = time;
        _log = log;
        _webhookUrl = settings.WebhookUrl;
        _callbacks = new SandboxCallbacks(settings.WebhookSecret, time, log);
    }

    public SandboxRailSettings Settings { get; }

    /// <summary>The base URL of the protocol (<c>http://127.0.0.1:{port}/</c>).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Where status changes are posted from now on; null stops callbacks. The host sets it once its own address is known.</summary>
    public Uri? WebhookUrl
    {
        get => Volatile.Read(ref _webhookUrl);
        set => Volatile.Write(ref _webhookUrl, value);
    }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<SandboxRequest> Requests => [.. _requests];

    /// <summary>Every callback attempt so far, in order.</summary>
    public IReadOnlyList<SandboxWebhookDelivery> WebhookDeliveries => _callbacks.Deliveries;

    /// <summary>The requests that named <paramref name="payoutId"/>.</summary>
    public IReadOnlyList<SandboxRequest> RequestsFor(string payoutId) =>
        [.. _requests.Where(r => string.Equals(r.PayoutId, payoutId, StringComparison.Ordinal))];

    /// <summary>The rail's record of a payout, or null when it was never (readably) submitted.</summary>
    public SandboxPayoutState? Find(string payoutId)
    {
        if (!_payouts.TryGetValue(payoutId, out var payout))
            return null;
        lock (payout)
            return payout.Snapshot();
    }

    /// <summary>Starts a rail on 127.0.0.1.</summary>
    public static async Task<SandboxRail> StartAsync(SandboxRailSettings settings, TimeProvider? time = null,
        ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(settings.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(settings.Port, IPEndPoint.MaxPort);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.SettleAfterQueries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.EffectiveSlowResponseDelay, TimeSpan.Zero);

        // An empty builder reads no appsettings or ASPNETCORE_* variables: the rail cannot pick up the
        // host's own Kestrel endpoints or URLs by accident.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, settings.Port));
        builder.Services.AddSingleton(loggers ?? NullLoggerFactory.Instance);
        builder.Services.AddLogging();
        var app = builder.Build();
        var rail = new SandboxRail(app, settings, time ?? TimeProvider.System,
            (loggers ?? NullLoggerFactory.Instance).CreateLogger<SandboxRail>());
        app.Run(rail.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await rail.DisposeAsync();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        rail.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        rail._callbacks.Start();
        return rail;
    }

    public async ValueTask DisposeAsync()
    {
        // Cancel first: held digit-5 requests end (their connections are aborted) instead of holding up the stop.
        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        await _callbacks.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var segments = (request.Path.Value ?? "").Trim('/').Split('/');
        if (segments is [ProviderProtocol.PayoutsPath] && HttpMethods.IsPost(request.Method))
            await SubmitAsync(context, body);
        else if (segments is [ProviderProtocol.PayoutsPath, var id] && HttpMethods.IsGet(request.Method))
            await QueryAsync(context, Uri.UnescapeDataString(id), body);
        else
        {
            Record(context, null, body, null, null);
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"no route {request.Method} {request.Path}");
        }
    }

    private async Task SubmitAsync(HttpContext context, string body)
    {
        var key = context.Request.Headers[ProviderProtocol.IdempotencyKeyHeader].FirstOrDefault();
        var (submitted, problem) = ReadSubmit(body);
        Record(context, submitted?.PayoutId, body, submitted?.Amount, submitted?.Beneficiary);
        if (submitted is null)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, problem!);
            return;
        }
        if (!string.Equals(key, submitted.PayoutId, StringComparison.Ordinal))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, $"the {ProviderProtocol.IdempotencyKeyHeader} header must be the payoutId '{submitted.PayoutId}'; it is '{key}'");
            return;
        }

        var fresh = new SandboxPayout(submitted.PayoutId, submitted.Amount, submitted.Beneficiary);
        var payout = _payouts.GetOrAdd(submitted.PayoutId, fresh);
        var created = ReferenceEquals(payout, fresh);
        PayoutStatusBody answer;
        lock (payout)
        {
            payout.Submits++;
            answer = payout.ToBody();
        }
        if (!created && (payout.Amount != submitted.Amount || payout.Beneficiary != submitted.Beneficiary))
        {
            await ErrorAsync(context, StatusCodes.Status409Conflict, $"payout '{payout.PayoutId}' was submitted before with a different amount or beneficiary");
            return;
        }
        if (created)
        {
            _log.LogDebug("Sandbox payout {PayoutId} of {Amount}: {Script}", payout.PayoutId, payout.Amount, payout.Script);
            Announce(answer);
        }

        if (payout.Script == SandboxScript.AmbiguousForever)
        {
            await HoldAsync(context);
            return;
        }
        if (created && payout.Script == SandboxScript.SlowThenSuccess)
        {
            // Paid already (announced above); only the answer is late, as when a bank's gateway is slow.
            using var gone = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(Settings.EffectiveSlowResponseDelay, _time, gone.Token);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
                return;
            }
        }
        await AnswerAsync(context, StatusCodes.Status200OK, answer);
    }

    private async Task QueryAsync(HttpContext context, string payoutId, string body)
    {
        Record(context, payoutId, body, null, null);
        if (!_payouts.TryGetValue(payoutId, out var payout))
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"no payout '{payoutId}' was submitted");
            return;
        }
        if (payout.Script == SandboxScript.AmbiguousForever)
        {
            await HoldAsync(context);
            return;
        }
        PayoutStatusBody answer;
        bool settled;
        lock (payout)
        {
            settled = payout.CountQuery(Settings.SettleAfterQueries);
            answer = payout.ToBody();
        }
        if (settled)
            Announce(answer);
        await AnswerAsync(context, StatusCodes.Status200OK, answer);
    }

    // Holds the request until the caller gives up or the rail stops, then drops the connection: the
    // caller learns nothing, which is exactly the ambiguity digit 5 stands for.
    private async Task HoldAsync(HttpContext context)
    {
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, gone.Token);
        }
        catch (OperationCanceledException)
        {
            // the caller left, or the rail is stopping
        }
        context.Abort();
    }

    private static (Submitted? Payout, string? Problem) ReadSubmit(string body)
    {
        PayoutRequestBody? request;
        try
        {
            request = JsonSerializer.Deserialize<PayoutRequestBody>(body, ProviderJson.Options);
        }
        catch (JsonException e)
        {
            return (null, $"the body is not JSON: {e.Message}");
        }
        if (request is not { PayoutId.Length: > 0, Amount: not null, Currency: not null, Beneficiary: { Name: not null, AccountNumber.Length: > 0, BankCode: not null } })
            return (null, "the body needs payoutId, amount, currency and beneficiary {name, accountNumber, bankCode}");
        var currency = CurrencyCatalog.Default.Find(request.Currency);
        if (!currency.IsSuccess)
            return (null, currency.Error.Message);
        var amount = Money.Parse(request.Amount, currency.Value);
        if (!amount.IsSuccess)
            return (null, amount.Error.Message);
        if (!amount.Value.IsPositive)
            return (null, $"the amount must be above zero; it is {amount.Value}");
        var b = request.Beneficiary;
        return (new Submitted(request.PayoutId, amount.Value, new Beneficiary(b.Name, b.AccountNumber, b.BankCode)), null);
    }

    private void Record(HttpContext context, string? payoutId, string body, Money? amount, Beneficiary? beneficiary) =>
        _requests.Enqueue(new SandboxRequest(context.Request.Method, context.Request.Path.Value ?? "", payoutId,
            context.Request.Headers[ProviderProtocol.IdempotencyKeyHeader].FirstOrDefault(),
            context.Request.Headers.Authorization.FirstOrDefault(), amount, beneficiary, body, _time.GetUtcNow()));

    private void Announce(PayoutStatusBody status)
    {
        if (status.Status is not null && WebhookUrl is { } url)
            _callbacks.Post(url, status);
    }

    private static Task AnswerAsync(HttpContext context, int statusCode, PayoutStatusBody body)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(body, ProviderJson.Options, context.RequestAborted);
    }

    private static Task ErrorAsync(HttpContext context, int statusCode, string error)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(new { error }, ProviderJson.Options, context.RequestAborted);
    }

    private sealed record Submitted(string PayoutId, Money Amount, Beneficiary Beneficiary);
}
