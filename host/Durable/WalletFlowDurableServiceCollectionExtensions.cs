using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.Options;

namespace WalletFlow.Host.Durable;

/// <summary>The durable runtime of host/: backend, in-process sidecar, worker and client.</summary>
public static class WalletFlowDurableServiceCollectionExtensions
{
    /// <summary>
    /// Registers the sidecar (started first, stopped last), the Durable Task worker running the
    /// orchestrators and activities that <paramref name="register"/> adds, and a
    /// <see cref="DurableTaskClient"/> for starting, querying and signalling them. Both talk gRPC to
    /// the sidecar on 127.0.0.1; the backend behind it is chosen by <c>Durable:Backend</c>.
    /// </summary>
    public static IServiceCollection AddWalletFlowDurable(
        this IServiceCollection services, IConfiguration configuration, Action<DurableTaskRegistry> register)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(register);

        services.AddOptions<DurableOptions>()
            .Bind(configuration.GetSection(DurableOptions.Section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DurableOptions>, DurableOptionsValidator>();

        services.AddSingleton<IDurableBackend>(sp => sp.GetRequiredService<IOptions<DurableOptions>>().Value.Backend switch
        {
            DurableBackendKind.AzureStorage => ActivatorUtilities.CreateInstance<AzureStorageDurableBackend>(sp),
            DurableBackendKind.InMemory => ActivatorUtilities.CreateInstance<InMemoryDurableBackend>(sp),
            _ => ActivatorUtilities.CreateInstance<PostgresDurableBackend>(sp),
        });

        // Hosted services start in registration order and stop in reverse: the sidecar must be
        // listening before the worker connects, and outlive it.
        services.AddSingleton<DurableSidecar>();
        services.AddHostedService(sp => sp.GetRequiredService<DurableSidecar>());
        services.AddHostedService<DurableRetentionService>();

        services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(register);
            worker.UseGrpc();
            // Log under Microsoft.DurableTask.Worker.* only, not a second time under Microsoft.DurableTask.
            worker.Configure(o => o.Logging.UseLegacyCategories = false);
            services.AddOptions<GrpcDurableTaskWorkerOptions>(worker.Name)
                .Configure<DurableSidecar>((grpc, sidecar) => grpc.CallInvoker = sidecar.CallInvoker);
        });
        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc();
            client.RegisterDirectly();
            services.AddOptions<GrpcDurableTaskClientOptions>(client.Name)
                .Configure<DurableSidecar>((grpc, sidecar) => grpc.CallInvoker = sidecar.CallInvoker);
        });
        return services;
    }
}
