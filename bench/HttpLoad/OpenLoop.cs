using System.Diagnostics;

namespace WalletFlow.Bench.HttpLoad;

/// <summary>
/// Open loop: requests scheduled at a fixed rate (constant interval) whatever the answers, with up to
/// <see cref="MaxInFlight"/> in flight. Latency is measured from each request's intended start, so a
/// request held back by a slow server (or by the in-flight cap) is charged for its wait: the
/// coordinated-omission correction.
/// </summary>
internal static class OpenLoop
{
    public const int MaxInFlight = 256;

    public static async Task<(RequestTally Tally, PhaseWindow Window)> RunAsync(
        Uri host, string apiKey, MovementMix mix, string keyPrefix, double ratePerSecond, TimeSpan warmup, TimeSpan duration)
    {
        using var client = new LoadClient(host, apiKey, MaxInFlight);
        using var inFlight = new SemaphoreSlim(MaxInFlight);
        var tally = new RequestTally();
        var interval = Stopwatch.Frequency / ratePerSecond;
        var origin = Stopwatch.GetTimestamp();
        var window = PhaseWindow.After(origin, warmup, duration, byIntendedStart: true);
        var count = (long)Math.Floor((window.End - origin) / interval);
        var sends = new List<Task>((int)Math.Min(count, int.MaxValue));
        for (var i = 0L; i < count; i++)
        {
            var intended = origin + (long)(i * interval);
            var early = intended - Stopwatch.GetTimestamp();
            if (early > 0)
                await Task.Delay(TimeSpan.FromSeconds((double)early / Stopwatch.Frequency));
            await inFlight.WaitAsync();
            tally.RecordSendLag(Stopwatch.GetTimestamp() - intended);
            sends.Add(SendAsync($"{keyPrefix}{i}", intended));
        }
        await Task.WhenAll(sends);
        return (tally, window);

        async Task SendAsync(string key, long intended)
        {
            try
            {
                await Task.Yield(); // the scheduler goes on to the next request at once
                await client.SendAsync(mix, key, intended, window, tally);
            }
            finally
            {
                inFlight.Release();
            }
        }
    }
}
