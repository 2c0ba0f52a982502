using System.ComponentModel.DataAnnotations;
using WalletFlow.Core.Payouts;

namespace WalletFlow.Adapters.Durable;

/// <summary><c>Payouts:*</c>: the payout saga's requery budget and the sweeper.</summary>
public sealed class PayoutsOptions
{
    public const string Section = "Payouts";

    /// <summary>Requeries before a payout that is still not definitive is dead-lettered.</summary>
    [Range(0, 1_000)]
    public int MaxRequeries { get; set; } = 8;

    /// <summary>Wait before the first requery.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan FirstRequeryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Each wait is this many times the previous one.</summary>
    [Range(1, 10)]
    public int BackoffFactor { get; set; } = 2;

    /// <summary>The longest single wait.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRequeryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest total time spent requerying before dead-lettering.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "30.00:00:00")]
    public TimeSpan RequeryBudget { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the saga sweeper looks for payouts whose saga is missing or failed (it also runs at start-up).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    public RequeryPolicy ToPolicy() => new(MaxRequeries, FirstRequeryDelay, BackoffFactor, MaxRequeryDelay, RequeryBudget);
}
