using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WalletFlow.Core.Monetary;

namespace WalletFlow.Adapters.Payments;

/// <summary>
/// With the sandbox enabled, makes sure a <c>sandbox</c> provider exists and fills what a fresh checkout
/// cannot know: every currency of the seed table, and a webhook secret (random per process, shared by
/// the in-process rail that signs and the provider that verifies). Explicit settings win.
/// </summary>
public sealed class SandboxProviderDefaults : IPostConfigureOptions<PaymentsOptions>
{
    public void PostConfigure(string? name, PaymentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Sandbox.Enabled)
            return;
        if (!options.Providers.TryGetValue(SandboxRailOptions.ProviderId, out var sandbox) || sandbox is null)
            options.Providers[SandboxRailOptions.ProviderId] = sandbox = new PaymentProviderOptions();
        if (string.IsNullOrWhiteSpace(sandbox.Currencies))
            sandbox.Currencies = string.Join(',', CurrencyCatalog.Default.All.Select(c => c.Code));
        if (string.IsNullOrEmpty(sandbox.WebhookSecret))
            sandbox.WebhookSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    }
}
