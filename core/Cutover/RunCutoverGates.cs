using WalletFlow.Core.Gates;
using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Cutover;

/// <summary>Step 4a: the four gates (design.md §8) over the whole ledger, stored in the gate history like any run; all four must pass.</summary>
public sealed class RunCutoverGates(ICutoverStore cutovers, GateRunner gates)
{
    /// <summary>GatesPassed when all four pass, else the failing gates.</summary>
    public async Task<CutoverStepResult> RunAsync(string cutoverId, CancellationToken cancellationToken)
    {
        var run = await gates.RunAsync($"cutover:{cutoverId}", cancellationToken);
        var failed = run.Gates.Where(g => !g.Passed).ToList();
        var detail = failed.Count == 0
            ? $"gate run {run.RunId}: all four passed"
            : $"gate run {run.RunId}: " + string.Join("; ", failed.Select(g => $"{g.Gate} failed ({g.Details.Count}, first: {g.Details[0]})"));
        if (failed.Count > 0)
            return new CutoverStepResult(false, detail);
        await cutovers.RecordAsync(cutoverId, CutoverLifecycle.Transitions.GatesPassed(detail), cancellationToken);
        return new CutoverStepResult(true, detail);
    }
}
