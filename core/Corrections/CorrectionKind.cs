namespace WalletFlow.Core.Corrections;

/// <summary>What a correction asks for.</summary>
public enum CorrectionKind
{
    /// <summary>Credit and/or debit one wallet against <c>suspense:corrections</c> (the correction template).</summary>
    Adjustment,

    /// <summary>Reverse one ledger transaction: every posting swapped, the original marked reverted.</summary>
    Reversal,
}
