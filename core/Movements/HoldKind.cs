namespace WalletFlow.Core.Movements;

/// <summary>Why funds are held.</summary>
public enum HoldKind
{
    /// <summary>A generic hold (POST /v1/holds).</summary>
    Generic,

    /// <summary>A payout's hold, while the provider works.</summary>
    Payout,
}
