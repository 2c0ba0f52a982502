using System.Diagnostics.Metrics;
using WalletFlow.Core.Gates;

namespace WalletFlow.Core.Telemetry;

/// <summary>
/// Gate results as they are stored: <c>walletflow.gate.results</c> counts each gate's verdict per run
/// (gate, outcome passed or failed). The latest stored verdict per gate, whichever process ran it, is the
/// <c>walletflow.gate.passing</c> gauge (adapters).
/// </summary>
public static class GateTelemetry
{
    private static readonly Counter<long> Results = WalletFlowTelemetry.Meter.CreateCounter<long>(
        "walletflow.gate.results", "{result}", "Reconciliation gate verdicts of the runs this process made, by gate and outcome (passed, failed).");

    /// <summary>Counts every gate's verdict of a stored run.</summary>
    public static void Record(GateRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var gate in run.Gates)
        {
            Results.Add(1, new(WalletFlowTelemetry.Tags.Gate, gate.Gate),
                new(WalletFlowTelemetry.Tags.Outcome, gate.Passed ? WalletFlowTelemetry.Outcomes.Passed : GateFailed));
        }
    }

    /// <summary>The outcome of a gate that did not pass.</summary>
    public const string GateFailed = "failed";
}
