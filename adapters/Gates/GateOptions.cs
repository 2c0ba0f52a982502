namespace WalletFlow.Adapters.Gates;

/// <summary>The <c>Gates</c> section: when the host runs the four reconciliation gates.</summary>
public sealed class GateOptions
{
    public const string Section = "Gates";

    /// <summary>Minutes between two runs of the timer (1–1440).</summary>
    public int IntervalMinutes { get; set; } = 15;

    /// <summary>Run once as soon as the host has started.</summary>
    public bool RunOnStartup { get; set; } = true;

    /// <summary>Runs kept in the answer of <c>GET /v1/gates</c> (1–1000).</summary>
    public int HistoryLimit { get; set; } = 20;
}
