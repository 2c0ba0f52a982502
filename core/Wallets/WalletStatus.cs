namespace WalletFlow.Core.Wallets;

/// <summary>Whether a wallet takes movements.</summary>
public enum WalletStatus
{
    /// <summary>Takes every movement.</summary>
    Active,

    /// <summary>Takes no movement.</summary>
    Frozen,

    /// <summary>Closed for good.</summary>
    Closed,
}
