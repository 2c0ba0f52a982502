namespace WalletFlow.Core.Gates;

/// <summary>One reconciliation gate: a pure check of the evidence.</summary>
public interface IReconciliationGate
{
    /// <summary>A name from <see cref="GateNames"/>.</summary>
    string Name { get; }

    /// <summary>The verdict, naming every offending account or row.</summary>
    GateResult Check(GateEvidence evidence);
}
