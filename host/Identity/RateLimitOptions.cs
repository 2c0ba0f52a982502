using System.ComponentModel.DataAnnotations;

namespace WalletFlow.Host.Identity;

/// <summary>Money-moving requests allowed per client (section <c>RateLimits</c>): a token bucket per authenticated actor.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sustained money-moving requests per second per client; 0 turns the limit off.</summary>
    [Range(0, 1_000_000)]
    public int MovementsPerSecond { get; set; } = 1000;

    /// <summary>Requests a client may send at once above the sustained rate.</summary>
    [Range(1, 1_000_000)]
    public int MovementsBurst { get; set; } = 2000;
}
