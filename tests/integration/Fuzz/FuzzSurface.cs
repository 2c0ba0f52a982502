namespace WalletFlow.Tests.Integration.Fuzz;

/// <summary>Which of walletflow's HTTP surfaces an endpoint is on: they answer errors in different shapes.</summary>
public enum FuzzSurface
{
    /// <summary>/v1: every error is problem+json.</summary>
    V1,
    /// <summary>The provider webhook under /v1: anonymous, signed; problem+json.</summary>
    Webhook,
    /// <summary>The embedded ledger's Formance-compatible API: Formance's <c>{errorCode, errorMessage}</c>.</summary>
    Ledger,
}
