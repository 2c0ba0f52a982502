using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Ports;

namespace WalletFlow.Host.Identity;

/// <summary>
/// Finds the live client of an API key, trusting a recent answer for <see cref="IdentityOptions.KeyCacheSeconds"/>
/// so a busy client does not cost a query per request. Unknown keys are not remembered (a flood of
/// made-up keys cannot fill the memory); a revoked key stops working within the cache time.
/// </summary>
public sealed class ApiClientKeys(IApiClientStore clients, IOptions<IdentityOptions> options, TimeProvider clock)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, (ApiClient Client, DateTimeOffset Until)> _recent = new(StringComparer.Ordinal);
    private readonly TimeSpan _trustFor = TimeSpan.FromSeconds(options.Value.KeyCacheSeconds);

    public async Task<ApiClient?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var hash = ApiKey.Hash(key);
        var cacheKey = Convert.ToBase64String(hash);
        var now = clock.GetUtcNow();
        if (_recent.TryGetValue(cacheKey, out var known) && known.Until > now)
            return known.Client;
        var client = await clients.FindByKeyHashAsync(hash, cancellationToken);
        if (client is null)
        {
            _recent.TryRemove(cacheKey, out _);
            return null;
        }
        if (_trustFor > TimeSpan.Zero)
        {
            if (_recent.Count >= MaxEntries)
                _recent.Clear();
            _recent[cacheKey] = (client, now + _trustFor);
        }
        return client;
    }
}
