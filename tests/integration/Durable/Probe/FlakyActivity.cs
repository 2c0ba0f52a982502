using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace WalletFlow.Tests.Integration.Durable.Probe;

/// <summary>Fails the first <see cref="RetryProbeInput.Failures"/> times it runs for a key, then answers how many attempts it took.</summary>
public sealed class FlakyActivity : TaskActivity<RetryProbeInput, int>
{
    private static readonly ConcurrentDictionary<string, int> Attempts = new(StringComparer.Ordinal);

    public override Task<int> RunAsync(TaskActivityContext context, RetryProbeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = Attempts.AddOrUpdate(input.Key, 1, (_, n) => n + 1);
        return attempt <= input.Failures
            ? throw new InvalidOperationException($"attempt {attempt} of {input.Key} fails on purpose")
            : Task.FromResult(attempt);
    }
}
