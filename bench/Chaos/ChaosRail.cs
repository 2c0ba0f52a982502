using WalletFlow.Adapters.Payments.Sandbox;

namespace WalletFlow.Chaos;

/// <summary>
/// The sandbox payment rail run in the harness's process (a real Kestrel server on loopback), so its
/// memory of what was paid survives every kill of the walletflow child that calls it.
/// </summary>
public static class ChaosRail
{
    /// <summary>The key the rail signs callbacks with; the children verify with the same.</summary>
    public const string WebhookSecret = "chaos-harness-webhook-secret-0123456789";

    /// <summary>
    /// Starts a rail: pending payouts (digits 3, 4) answer definitively on requery number
    /// <paramref name="settleAfterQueries"/>; a digit-6 submit answers after <paramref name="slowResponse"/>
    /// (longer than the children's submit timeout).
    /// </summary>
    public static Task<SandboxRail> StartAsync(int settleAfterQueries, TimeSpan slowResponse, CancellationToken ct) =>
        SandboxRail.StartAsync(new SandboxRailSettings(0, settleAfterQueries, slowResponse, null, WebhookSecret), cancellationToken: ct);
}
