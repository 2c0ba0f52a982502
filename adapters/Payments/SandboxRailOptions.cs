using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using WalletFlow.Adapters.Payments.Sandbox;

namespace WalletFlow.Adapters.Payments;

/// <summary>
/// <c>Payments:Sandbox:*</c>: the in-process sandbox rail the host starts on 127.0.0.1 (on by default,
/// so a fresh checkout pays out without any provider account; off by default in Production).
/// </summary>
public sealed class SandboxRailOptions
{
    public const string ProviderId = "sandbox";

    /// <summary>
    /// Unset: on, except when the environment is named <c>Production</c> (<c>ASPNETCORE_ENVIRONMENT</c>,
    /// <c>DOTNET_ENVIRONMENT</c> or <c>--environment</c>), where a rail that settles every payout it is
    /// sent must be asked for by name.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Loopback port; 0 picks a free one at each start.</summary>
    public int Port { get; set; }

    /// <summary>A pending payout (digits 3 and 4) settles on this requery: 2 = the second query answers definitively.</summary>
    public int SettleAfterQueries { get; set; } = SandboxRailSettings.DefaultSettleAfterQueries;

    /// <summary>How long a digit-6 submit is held before it answers. Unset: the sandbox provider's SubmitTimeout plus 5 seconds.</summary>
    public TimeSpan? SlowResponseDelay { get; set; }

    /// <summary>Where status changes are posted (HMAC-signed with the sandbox provider's WebhookSecret). Unset: no callbacks.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>
    /// <see cref="Enabled"/> when configuration does not say: false only in an environment explicitly
    /// named Production. Not <c>IHostEnvironment.IsProduction()</c>: ASP.NET Core calls an unnamed
    /// environment Production too, and a fresh checkout (no environment set) must keep its sandbox.
    /// </summary>
    public static bool EnabledByDefault(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.Equals(configuration[HostDefaults.EnvironmentKey], Environments.Production, StringComparison.OrdinalIgnoreCase);
    }
}
