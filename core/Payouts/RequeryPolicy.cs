namespace WalletFlow.Core.Payouts;

/// <summary>
/// How long the saga keeps asking a provider before it dead-letters: at most <paramref name="MaxRequeries"/>
/// requeries and <paramref name="Budget"/> in total, waiting <paramref name="FirstDelay"/> and then
/// <paramref name="BackoffFactor"/> times longer each time, never more than <paramref name="MaxDelay"/>.
/// </summary>
/// <param name="MaxRequeries">The most requeries.</param>
/// <param name="FirstDelay">The wait before the first requery.</param>
/// <param name="BackoffFactor">Each wait is this many times the last (1 = constant).</param>
/// <param name="MaxDelay">The longest single wait.</param>
/// <param name="Budget">The longest total time spent requerying.</param>
public sealed record RequeryPolicy(int MaxRequeries, TimeSpan FirstDelay, int BackoffFactor, TimeSpan MaxDelay, TimeSpan Budget)
{
    /// <summary>The wait before requery number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        var delay = FirstDelay;
        for (var i = 1; i < attempt && delay < MaxDelay; i++)
            delay = TimeSpan.FromTicks(checked(delay.Ticks * BackoffFactor));
        return delay < MaxDelay ? delay : MaxDelay;
    }
}
