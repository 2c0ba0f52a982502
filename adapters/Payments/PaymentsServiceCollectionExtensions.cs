using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Payments.Sandbox;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPaymentProviderRegistry"/> from <c>Payments:*</c> (validated on start) and,
    /// when <c>Payments:Sandbox:Enabled</c> (the default, except in a named Production environment), the hosted <see cref="SandboxRailHost"/> that
    /// runs the sandbox rail on 127.0.0.1 for the <c>sandbox</c> provider.
    /// </summary>
    public static IServiceCollection AddWalletFlowPayments(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PaymentsOptions>()
            // Before Bind, so an explicit Payments:Sandbox:Enabled wins over the environment's default.
            .Configure(o => o.Sandbox.Enabled = SandboxRailOptions.EnabledByDefault(configuration))
            .Bind(configuration.GetSection(PaymentsOptions.Section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<PaymentsOptions>, SandboxProviderDefaults>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaymentsOptions>, PaymentsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<SandboxRailHost>();
        // Registered unconditionally: it does nothing when the sandbox is disabled, and the decision is
        // read from validated options at start, not from raw configuration here.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SandboxRailHost>(sp => sp.GetRequiredService<SandboxRailHost>()));
        services.TryAddSingleton<PaymentProviderRegistry>(sp => PaymentProviderRegistry.FromOptions(
            sp.GetRequiredService<IOptions<PaymentsOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<SandboxRailHost>()));
        services.TryAddSingleton<IPaymentProviderRegistry>(sp => sp.GetRequiredService<PaymentProviderRegistry>());
        return services;
    }
}
