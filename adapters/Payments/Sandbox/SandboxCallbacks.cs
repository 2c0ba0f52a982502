using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace WalletFlow.Adapters.Payments.Sandbox;

/// <summary>
/// The sandbox rail's status callbacks: queued when a status changes, posted signed by one delivery
/// loop (so they leave in the order the statuses changed: pending before accepted), a few attempts
/// each, every attempt recorded.
/// </summary>
internal sealed class SandboxCallbacks : IAsyncDisposable
{
    private const int Attempts = 3;

    private readonly string? _secret;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ConcurrentQueue<SandboxWebhookDelivery> _deliveries = new();
    private readonly Channel<(Uri Url, PayoutStatusBody Body)> _queue =
        Channel.CreateUnbounded<(Uri, PayoutStatusBody)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Task _loop = Task.CompletedTask;

    public SandboxCallbacks(string? secret, TimeProvider time, ILogger log)
    {
        _secret = secret;
        _time = time;
        _log = log;
    }

    public IReadOnlyList<SandboxWebhookDelivery> Deliveries => [.. _deliveries];

    public void Start() => _loop = Task.Run(DeliverAsync, CancellationToken.None);

    public void Post(Uri url, PayoutStatusBody status) => _queue.Writer.TryWrite((url, status));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _queue.Writer.TryComplete();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // the loop ends by cancellation
        }
        _client.Dispose();
        _stopping.Dispose();
    }

    private async Task DeliverAsync()
    {
        var ct = _stopping.Token;
        await foreach (var (url, status) in _queue.Reader.ReadAllAsync(ct))
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(status, ProviderJson.Options);
            for (var attempt = 1; attempt <= Attempts; attempt++)
            {
                if (await PostAsync(url, status, bytes, attempt, ct))
                    break;
                if (attempt < Attempts)
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), _time, ct);
            }
        }
    }

    private async Task<bool> PostAsync(Uri url, PayoutStatusBody status, byte[] bytes, int attempt, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        if (_secret is { Length: > 0 })
            request.Headers.Add(ProviderProtocol.SignatureHeader, WebhookSignature.Sign(_secret, _time.GetUtcNow(), bytes));
        SandboxWebhookDelivery delivery;
        try
        {
            using var response = await _client.SendAsync(request, ct);
            delivery = new(status.PayoutId!, status.Status!, url, attempt, (int)response.StatusCode, null);
        }
        catch (HttpRequestException e)
        {
            delivery = new(status.PayoutId!, status.Status!, url, attempt, null, e.Message);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            delivery = new(status.PayoutId!, status.Status!, url, attempt, null, $"no answer: {e.Message}");
        }
        _deliveries.Enqueue(delivery);
        if (!delivery.Delivered)
            _log.LogWarning("Sandbox callback for {PayoutId} to {Url}, attempt {Attempt}: {Outcome}",
                delivery.PayoutId, url, attempt, delivery.Error ?? $"HTTP {delivery.StatusCode}");
        return delivery.Delivered;
    }
}
