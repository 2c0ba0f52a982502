using System.ComponentModel.DataAnnotations;
using WalletFlow.Core.Corrections;

namespace WalletFlow.Adapters.Durable;

/// <summary><c>Corrections:*</c>: how long a correction waits for its checker.</summary>
public sealed class CorrectionsOptions
{
    public const string Section = "Corrections";

    /// <summary>Undecided after this long, a correction expires and posts nothing (72 h by default).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")]
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromHours(72);

    public CorrectionPolicy ToPolicy() => new(ApprovalTimeout);
}
