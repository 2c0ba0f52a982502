using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace WalletFlow.Host.LedgerApi;

/// <summary>
/// The ledger API's own Kestrel endpoints beside the main ones, and which connections came in on them.
/// Kestrel serves either <c>--urls</c> or endpoints it is given, not both, so when the ledger API is
/// enabled both sets become named endpoints of one configuration; the ledger's are remembered, and
/// after binding (port 0 included) their ports tell a ledger connection from a main one.
/// </summary>
public sealed class LedgerApiListener
{
    private const string MainEndpoint = "Main";
    private const string LedgerEndpoint = "LedgerApi";

    private readonly List<ListenOptions> _endpoints = [];

    private LedgerApiListener(bool enabled) => Enabled = enabled;

    public bool Enabled { get; }

    /// <summary>
    /// Registers the listener and, when <c>LedgerApi:Enabled</c>, gives Kestrel the main URLs (from
    /// <c>urls</c>, which must be set by now) and the ledger API's as endpoints of their own.
    /// </summary>
    public static LedgerApiListener Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(LedgerApiOptions.Section).Get<LedgerApiOptions>() ?? new LedgerApiOptions();
        var listener = new LedgerApiListener(options.Enabled);
        builder.Services.AddSingleton(listener);
        if (!options.Enabled)
            return listener;

        var mainUrls = (builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ledgerUrls = options.UrlList();
        var endpoints = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < mainUrls.Length; i++)
            endpoints[$"Endpoints:{MainEndpoint}{i}:Url"] = mainUrls[i];
        for (var i = 0; i < ledgerUrls.Count; i++)
            endpoints[$"Endpoints:{LedgerEndpoint}{i}:Url"] = ledgerUrls[i];
        var kestrelEndpoints = new ConfigurationBuilder().AddInMemoryCollection(endpoints).Build();

        // The main URLs now live in the endpoints; Kestrel must not also be handed them as `urls`.
        EndpointsOnlyServer.Wrap(builder.Services);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var loader = kestrel.Configure(kestrelEndpoints);
            for (var i = 0; i < ledgerUrls.Count; i++)
                loader.Endpoint($"{LedgerEndpoint}{i}", endpoint => listener._endpoints.Add(endpoint.ListenOptions));
        });
        return listener;
    }

    /// <summary>True when the connection came in on one of the ledger API's endpoints (known once the server listens).</summary>
    public bool Accepted(ConnectionInfo connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return Enabled && _endpoints.Exists(e => e.IPEndPoint?.Port == connection.LocalPort);
    }

    /// <summary>True when <paramref name="address"/> (one of the server's bound addresses) is the ledger API's.</summary>
    public bool Owns(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Enabled && _endpoints.Exists(e => e.IPEndPoint?.Port == address.Port);
    }
}
