using System.Diagnostics;

namespace WalletFlow.Bench.HttpLoad;

/// <summary>
/// Closed loop: <c>connections</c> senders, each sending its next request as soon as the previous one
/// is answered, for the warm-up and then the measured window; a request in flight at the end is
/// waited for (it counts for the checks, not for the window).
/// </summary>
internal static class ClosedLoop
{
    public static async Task<(RequestTally Tally, PhaseWindow Window)> RunAsync(
        Uri host, string apiKey, MovementMix mix, string keyPrefix, int connections, TimeSpan warmup, TimeSpan duration)
    {
        using var client = new LoadClient(host, apiKey, connections);
        var tally = new RequestTally();
        var window = PhaseWindow.After(Stopwatch.GetTimestamp(), warmup, duration, byIntendedStart: false);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(sender => Task.Run(async () =>
        {
            for (var i = 0L; Stopwatch.GetTimestamp() < window.End; i++)
                await client.SendAsync(mix, $"{keyPrefix}{sender}-{i}", Stopwatch.GetTimestamp(), window, tally);
        })));
        return (tally, window);
    }
}
