using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Core.Identity;
using WalletFlow.Host;

namespace WalletFlow.Tests.Integration.Infrastructure;

/// <summary>
/// API clients for tests, made through the same use case as <c>walletflow clients add</c> in the
/// host's own database (not through the first-start admin key file, which every test host on the
/// machine would share).
/// </summary>
public static class TestCredentials
{
    /// <summary>A new client with <paramref name="scopes"/> (admin when none); returns its key.</summary>
    public static async Task<string> NewKeyAsync(this WalletFlowServer server, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(server);
        var made = await server.Services.GetRequiredService<AddApiClient>().RunAsync(
            $"tests-{Guid.NewGuid():N}"[..20], scopes.Length == 0 ? [Scopes.Admin] : scopes, "tests", TestContext.Current.CancellationToken);
        return made.TryGetValue(out var client, out var rejected) ? client.Key : throw new InvalidOperationException(rejected.ToString());
    }

    /// <summary>An HttpClient to <paramref name="baseAddress"/> that sends <paramref name="key"/>, through <paramref name="handler"/> when given.</summary>
    public static HttpClient Client(Uri baseAddress, string key, HttpMessageHandler? handler = null)
    {
        var http = handler is null ? new HttpClient() : new HttpClient(handler);
        http.BaseAddress = baseAddress;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    /// <summary>An HttpClient to the server that sends a new admin key.</summary>
    public static async Task<HttpClient> AdminClientAsync(this WalletFlowServer server) =>
        Client(server.Addresses[0], await server.NewKeyAsync());
}
