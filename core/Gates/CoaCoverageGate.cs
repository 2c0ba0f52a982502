using WalletFlow.Core.Coa;

namespace WalletFlow.Core.Gates;

/// <summary>
/// Gate 4, COA coverage (design.md §8): every ledger account is a known kind and matches exactly one
/// chart-of-accounts pattern. A failure names the address and the candidate patterns.
/// </summary>
public sealed class CoaCoverageGate : IReconciliationGate
{
    /// <inheritdoc />
    public string Name => GateNames.CoaCoverage;

    /// <inheritdoc />
    public GateResult Check(GateEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var drift = CoaService.DetectAddressDrift(evidence.Chart, evidence.Balances.Select(b => b.Address.Value));
        var details = drift.Unmapped.Select(u => u.Message)
            .Concat(drift.Ambiguous.Select(a => a.Message))
            .Concat(drift.Invalid.Select(i => i.Message))
            .ToList();
        return GateResult.From(Name, details);
    }
}
