using System.Net;
using System.Net.Http.Json;

namespace WalletFlow.Chaos;

/// <summary>
/// A client that behaves as a careful API user does while the service crashes under it: each request
/// carries its Idempotency-Key and is sent again, with the same key and body, until the answer is
/// definitive (not a transport error, a timeout, a 5xx, a 429 or 409 idempotency_in_progress). With
/// several base addresses a failed attempt moves to the next one (a load balancer's retry).
/// </summary>
public sealed class ChaosClient : IDisposable
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly Uri[] _addresses;
    private readonly string _adminKeyPath;
    private string? _key;
    private int _next;
    private long _retries;

    /// <param name="adminKeyPath">The admin key file the first child writes (<see cref="ChaosHostSettings.AdminKeyPath"/>), read at the first request.</param>
    /// <param name="addresses">The children's base addresses, tried in turn.</param>
    public ChaosClient(string adminKeyPath, params Uri[] addresses)
    {
        ArgumentOutOfRangeException.ThrowIfZero(addresses.Length);
        _adminKeyPath = adminKeyPath;
        _addresses = addresses;
    }

    /// <summary>Attempts that had to be repeated (the service was down, restarting or busy with the key).</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Sends until definitive; returns the status and body of the definitive answer.</summary>
    public async Task<ChaosAnswer> SendAsync(HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken ct)
    {
        var index = Volatile.Read(ref _next);
        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            var address = _addresses[index % _addresses.Length];
            using var request = new HttpRequestMessage(method, new Uri(address, path.TrimStart('/')));
            if (body is not null)
                request.Content = JsonContent.Create(body);
            if (idempotencyKey is not null)
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            _key ??= (await File.ReadAllTextAsync(_adminKeyPath, ct)).Trim();
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _key);
            using var attemptLimit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attemptLimit.CancelAfter(AttemptTimeout);
            try
            {
                using var response = await _http.SendAsync(request, attemptLimit.Token);
                var text = await response.Content.ReadAsStringAsync(attemptLimit.Token);
                var status = (int)response.StatusCode;
                if (!IsWorthRetrying(response.StatusCode, text))
                    return new ChaosAnswer(status, text);
            }
            catch (HttpRequestException)
            {
                index++; // connection refused or reset: that process is down
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                index++; // no answer in time: the process may be frozen or gone
            }
            Interlocked.Increment(ref _retries);
            Volatile.Write(ref _next, index);
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 100 * attempt)), ct);
        }
    }

    private static bool IsWorthRetrying(HttpStatusCode status, string body) =>
        (int)status >= 500
        || status == HttpStatusCode.TooManyRequests
        || (status == HttpStatusCode.Conflict && body.Contains("idempotency_in_progress", StringComparison.Ordinal));

    public void Dispose() => _http.Dispose();
}
