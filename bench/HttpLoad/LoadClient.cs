using System.Diagnostics;
using System.Net;

namespace WalletFlow.Bench.HttpLoad;

/// <summary>
/// One phase's HTTP client: at most <c>connections</c> connections to the host, a 10 s timeout per
/// request. Every request is sent, its answer read to the end, and recorded in the phase's tally;
/// nothing is retried.
/// </summary>
internal sealed class LoadClient : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private const int ProblemChars = 240;
    private readonly HttpClient _http;

    public LoadClient(Uri baseAddress, string apiKey, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = System.Threading.Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout };
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
    }

    /// <param name="mix">Makes the request.</param>
    /// <param name="key">Its Idempotency-Key, unique in the run.</param>
    /// <param name="start">When it started, or (open loop) was meant to start; latency counts from here.</param>
    /// <param name="window">The phase's measured window.</param>
    /// <param name="tally">Where the outcome goes.</param>
    public async Task SendAsync(MovementMix mix, string key, long start, PhaseWindow window, RequestTally tally)
    {
        int status = 0;
        var timedOut = false;
        string? problem = null;
        try
        {
            using var request = mix.Create(key);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            status = (int)response.StatusCode;
            if (response.StatusCode != HttpStatusCode.Created)
            {
                var body = await response.Content.ReadAsStringAsync();
                problem = $"{status} {(body.Length > ProblemChars ? body[..ProblemChars] + "…" : body)}";
            }
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            timedOut = true;
            problem = $"timeout after {Timeout.TotalSeconds:F0} s";
        }
        catch (HttpRequestException e)
        {
            problem = $"{e.GetType().Name}: {e.Message}";
        }
        var end = Stopwatch.GetTimestamp();
        tally.Record(end - start, status, timedOut, problem, window.MeasuresLatency(start, end), status == 201 && window.Contains(end), key);
    }

    public void Dispose() => _http.Dispose();
}
