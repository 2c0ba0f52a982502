namespace WalletFlow.Core.Movements;

/// <summary>How a hold ended.</summary>
public enum HoldOutcome
{
    /// <summary>Paid onwards.</summary>
    Settled,

    /// <summary>Given back to the wallet.</summary>
    Released,
}
