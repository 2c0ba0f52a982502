using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Payments;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Payments;
using WalletFlow.Core.Ports;

namespace WalletFlow.Tests.Unit.Payments;

/// <summary>Registry resolution and the <c>Payments:*</c> options: defaults, and failures that name their key.</summary>
public sealed class PaymentProviderRegistryTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddWalletFlowPayments(configuration).BuildServiceProvider();
    }

    private static string[] Failures(params (string Key, string Value)[] settings)
    {
        using var services = Services(settings);
        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PaymentsOptions>>().Value);
        return [.. e.Failures];
    }

    [Fact]
    public void With_nothing_configured_the_sandbox_provider_exists_and_serves_every_seed_currency()
    {
        using var services = Services();
        var registry = services.GetRequiredService<IPaymentProviderRegistry>();
        Assert.Equal(["sandbox"], registry.ProviderIds);
        Assert.True(registry.ForPayout("sandbox", Currency.NGN).IsSuccess);
        Assert.True(registry.ForPayout("sandbox", Currency.JPY).IsSuccess);
        var options = services.GetRequiredService<IOptions<PaymentsOptions>>().Value;
        Assert.True(options.Providers["sandbox"].WebhookSecret!.Length >= 32, "a per-process webhook secret is generated");
    }

    [Fact]
    public void With_the_sandbox_disabled_there_is_no_sandbox_provider()
    {
        using var services = Services(("Payments:Sandbox:Enabled", "false"));
        var error = services.GetRequiredService<IPaymentProviderRegistry>().Find("sandbox").Error;
        Assert.Equal("unknown_provider", Assert.IsType<UnknownProvider>(error).Code);
    }

    [Fact]
    public void A_configured_provider_is_found_by_id_with_its_currencies_and_other_ids_and_currencies_are_typed_rejections()
    {
        using var services = Services(
            ("Payments:Providers:acme:BaseUrl", "https://rails.acme.example/v1"),
            ("Payments:Providers:acme:Currencies", "NGN, KES"),
            ("Payments:Providers:acme:SubmitTimeout", "00:00:05"),
            ("Payments:Providers:acme:WebhookSecret", "0123456789abcdef0123"));
        var registry = services.GetRequiredService<IPaymentProviderRegistry>();
        Assert.Equal(["acme", "sandbox"], registry.ProviderIds);

        var acme = registry.ForPayout("acme", Currency.KES).Value;
        Assert.Equal("acme", acme.ProviderId);
        Assert.Equal(new HashSet<Currency> { Currency.NGN, Currency.KES }, acme.Currencies);

        var notServed = Assert.IsType<CurrencyNotServed>(registry.ForPayout("acme", Currency.USD).Error);
        Assert.Equal("currency_not_served", notServed.Code);
        Assert.Equal("Payment provider 'acme' does not pay out in USD; it serves KES, NGN.", notServed.Message);

        var unknown = Assert.IsType<UnknownProvider>(registry.ForPayout("acmee", Currency.NGN).Error);
        Assert.Equal("No payment provider 'acmee' is configured; configured: acme, sandbox.", unknown.Message);
    }

    [Fact]
    public void A_provider_without_base_url_or_currencies_fails_naming_both_keys()
    {
        var failures = Failures(("Payments:Providers:acme:ApiKey", "k"));
        Assert.Contains(failures, f => f.StartsWith("Payments:Providers:acme:BaseUrl is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Payments:Providers:acme:Currencies is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_values_fail_with_a_message_naming_each_key()
    {
        var failures = Failures(
            ("Payments:Providers:Acme:BaseUrl", "ftp://rails.example"),
            ("Payments:Providers:Acme:Currencies", "NGN,XXQ"),
            ("Payments:Providers:Acme:SubmitTimeout", "00:00:00"),
            ("Payments:Providers:Acme:QueryTimeout", "01:00:00"),
            ("Payments:Providers:Acme:WebhookSecret", "short"),
            ("Payments:Providers:Acme:WebhookTolerance", "02:00:00"),
            ("Payments:Providers:Acme:ApiKey", "two words"),
            ("Payments:Sandbox:SettleAfterQueries", "0"),
            ("Payments:Sandbox:Port", "70000"));
        string[] expected =
        [
            "Payments:Providers:Acme is not a provider id",
            "Payments:Providers:Acme:BaseUrl must be an absolute http(s) URL",
            "Payments:Providers:Acme:Currencies names 'XXQ'",
            "Payments:Providers:Acme:SubmitTimeout must be above zero",
            "Payments:Providers:Acme:QueryTimeout must be above zero and at most 00:05:00",
            "Payments:Providers:Acme:WebhookSecret must be at least 16 characters",
            "Payments:Providers:Acme:WebhookTolerance must be between 00:00:01 and 01:00:00; it is 02:00:00",
            "Payments:Providers:Acme:ApiKey must be a non-empty token",
            "Payments:Sandbox:SettleAfterQueries must be between 1 and 1000",
            "Payments:Sandbox:Port must be between 0",
        ];
        foreach (var prefix in expected)
            Assert.Contains(failures, f => f.StartsWith(prefix, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_setting_in_a_provider_section_stops_start_up()
    {
        using var services = Services(("Payments:Providers:sandbox:SubmitTimeoutSeconds", "3"));
        var e = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptions<PaymentsOptions>>().Value);
        Assert.Contains("SubmitTimeoutSeconds", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_sandbox_settings_win_over_the_defaults()
    {
        using var services = Services(
            ("Payments:Providers:sandbox:Currencies", "NGN"),
            ("Payments:Providers:sandbox:SubmitTimeout", "00:00:00.300"),
            ("Payments:Providers:sandbox:WebhookSecret", "fixed-secret-0123456789"));
        var registry = services.GetRequiredService<IPaymentProviderRegistry>();
        Assert.IsType<CurrencyNotServed>(registry.ForPayout("sandbox", Currency.USD).Error);
        var options = services.GetRequiredService<IOptions<PaymentsOptions>>().Value;
        Assert.Equal("fixed-secret-0123456789", options.Providers["sandbox"].WebhookSecret);
        Assert.Equal(TimeSpan.FromMilliseconds(300), options.Providers["sandbox"].SubmitTimeout);
    }
}
