using System.ComponentModel.DataAnnotations;

namespace WalletFlow.Adapters.Durable;

/// <summary><c>Reserves:*</c>: the reserve maturity timer (issue 18 §3).</summary>
public sealed class ReservesOptions : IValidatableObject
{
    public const string Section = "Reserves";

    /// <summary>
    /// How often host/ starts a maturity run (the first one interval after start-up). <c>00:00:00</c>
    /// turns host/'s timer off: matured tranches are then released only by hand, or by another host's timer.
    /// functions/ runs on its TimerTrigger's schedule instead (<c>ReserveMaturitySchedule</c>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaturityInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Tranches one run releases at most; the rest wait for the next tick.</summary>
    [Range(1, 10_000)]
    public int MaturityBatchSize { get; set; } = 500;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Under a second is a typo for seconds or minutes, not a schedule: every run starts a workflow.
        if (MaturityInterval > TimeSpan.Zero && MaturityInterval < TimeSpan.FromSeconds(1))
            yield return new ValidationResult("Reserves:MaturityInterval is 00:00:00 (off) or at least one second.", [nameof(MaturityInterval)]);
    }
}
