using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace WalletFlow.Host.LedgerApi;

/// <summary>
/// Kestrel with its endpoints given in code (<see cref="LedgerApiListener"/>) and nothing else. The
/// web host hands Kestrel the <c>--urls</c> it was started with as well; Kestrel would bind its
/// endpoints anyway, but log at every start that it "overrides" those URLs, which it does not: they
/// are among the endpoints. This forgets them just before Kestrel starts.
/// </summary>
internal sealed class EndpointsOnlyServer(IServer kestrel) : IServer
{
    public IFeatureCollection Features => kestrel.Features;

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull
    {
        if (kestrel.Features.Get<IServerAddressesFeature>() is { Addresses.IsReadOnly: false } addresses)
            addresses.Addresses.Clear();
        return kestrel.StartAsync(application, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => kestrel.StopAsync(cancellationToken);

    public void Dispose() => kestrel.Dispose();

    /// <summary>Wraps the registered server (Kestrel) in the container.</summary>
    public static void Wrap(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IServer));
        services.Remove(registered);
        services.AddSingleton<IServer>(sp => new EndpointsOnlyServer(registered switch
        {
            { ImplementationInstance: IServer instance } => instance,
            { ImplementationFactory: { } factory } => (IServer)factory(sp),
            _ => (IServer)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!),
        }));
    }
}
