using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Payments;
using WalletFlow.Adapters.Payments.Sandbox;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Payments;
using WalletFlow.Core.Ports;
using static WalletFlow.Tests.Integration.Payments.Payouts;

namespace WalletFlow.Tests.Integration.Payments;

/// <summary>
/// <c>AddWalletFlowPayments</c> in a generic host: the sandbox rail starts with the host on 127.0.0.1,
/// the <c>sandbox</c> provider reaches it with no URL configured, its callbacks verify with the shared
/// secret, and a wrong setting stops start-up naming its key.
/// </summary>
public sealed class PaymentsHostWiringTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IHost Build(params (string Key, string Value)[] settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.Services.AddWalletFlowPayments(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task The_host_starts_the_sandbox_rail_and_the_sandbox_provider_pays_through_it()
    {
        await using var webhooks = await WebhookReceiver.StartAsync(Ct);
        using var host = Build(
            ("Payments:Sandbox:WebhookUrl", webhooks.Url.ToString()),
            ("Payments:Providers:sandbox:SubmitTimeout", "00:00:20"));
        await host.StartAsync(Ct);
        try
        {
            var rail = host.Services.GetRequiredService<SandboxRailHost>().Rail!;
            Assert.Equal("127.0.0.1", rail.BaseUrl.Host);
            Assert.NotEqual(0, rail.BaseUrl.Port);

            var provider = host.Services.GetRequiredService<IPaymentProviderRegistry>().ForPayout("sandbox", Currency.KES).Value;
            var payout = Instruction(SandboxScript.InstantSuccess) with { Amount = new Money(Currency.KES, 5_000) };
            Assert.Equal(new ProviderOutcome.Accepted($"sbx-{payout.PayoutId}"), await provider.SubmitAsync(payout, Ct));
            Assert.Equal(payout.PayoutId, Assert.Single(rail.Requests).IdempotencyKey);

            // The generated secret is the same on both sides: the rail signs, the provider verifies.
            var callback = await webhooks.NextAsync(Ct);
            Assert.Equal(payout.PayoutId, provider.VerifyWebhook(callback.Body, callback.Signature).Value.PayoutId);

            // The host points callbacks at itself once it knows its address; the rail follows.
            var sandbox = host.Services.GetRequiredService<SandboxRailHost>();
            await using var moved = await WebhookReceiver.StartAsync(Ct);
            sandbox.WebhookUrl = moved.Url;
            var second = Instruction(SandboxScript.Reject);
            Assert.IsType<ProviderOutcome.Rejected>(await provider.SubmitAsync(second, Ct));
            var movedCallback = await moved.NextAsync(Ct);
            Assert.Equal(second.PayoutId, provider.VerifyWebhook(movedCallback.Body, movedCallback.Signature).Value.PayoutId);

            // Digit 6 is slower than this provider's submit timeout by default.
            Assert.Equal(TimeSpan.FromSeconds(25), rail.Settings.SlowResponseDelay);
        }
        finally
        {
            await host.StopAsync(Ct);
        }
        Assert.Null(host.Services.GetRequiredService<SandboxRailHost>().Rail);
    }

    [Fact]
    public async Task Before_the_rail_runs_the_sandbox_provider_answers_ambiguous_instead_of_throwing()
    {
        using var host = Build();
        var provider = host.Services.GetRequiredService<IPaymentProviderRegistry>().Find("sandbox").Value;

        var outcome = Assert.IsType<ProviderOutcome.Ambiguous>(await provider.SubmitAsync(Instruction(SandboxScript.InstantSuccess), Ct));
        Assert.Contains("no base URL", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_sandbox_disabled_no_rail_starts_and_only_configured_providers_exist()
    {
        using var host = Build(
            ("Payments:Sandbox:Enabled", "false"),
            ("Payments:Providers:acme:BaseUrl", "http://127.0.0.1:9/"),
            ("Payments:Providers:acme:Currencies", "NGN"));
        await host.StartAsync(Ct);
        try
        {
            Assert.Null(host.Services.GetRequiredService<SandboxRailHost>().Rail);
            var registry = host.Services.GetRequiredService<IPaymentProviderRegistry>();
            Assert.Equal(["acme"], registry.ProviderIds);
            Assert.IsType<UnknownProvider>(registry.Find("sandbox").Error);
        }
        finally
        {
            await host.StopAsync(Ct);
        }
    }

    [Fact]
    public async Task A_wrong_setting_stops_the_host_at_start_naming_its_key()
    {
        using var host = Build(("Payments:Providers:acme:Currencies", "NGN"));
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));
        Assert.Contains("Payments:Providers:acme:BaseUrl is required", e.Message, StringComparison.Ordinal);
    }
}
