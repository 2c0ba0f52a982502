using WalletFlow.Adapters.Payments.Sandbox;

namespace WalletFlow.Adapters.Payments;

/// <summary>
/// <c>Payments:Sandbox:*</c>: the in-process sandbox rail the host starts on 127.0.0.1 (on by default,
/// so a fresh checkout pays out without any provider account).
/// </summary>
public sealed class SandboxRailOptions
{
    public const string ProviderId = "sandbox";

    public bool Enabled { get; set; } = true;

    /// <summary>Loopback port; 0 picks a free one at each start.</summary>
    public int Port { get; set; }

    /// <summary>A pending payout (digits 3 and 4) settles on this requery: 2 = the second query answers definitively.</summary>
    public int SettleAfterQueries { get; set; } = SandboxRailSettings.DefaultSettleAfterQueries;

    /// <summary>How long a digit-6 submit is held before it answers. Unset: the sandbox provider's SubmitTimeout plus 5 seconds.</summary>
    public TimeSpan? SlowResponseDelay { get; set; }

    /// <summary>Where status changes are posted (HMAC-signed with the sandbox provider's WebhookSecret). Unset: no callbacks.</summary>
    public Uri? WebhookUrl { get; set; }
}
