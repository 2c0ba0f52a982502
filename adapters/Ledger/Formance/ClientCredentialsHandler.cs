using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace WalletFlow.Adapters.Ledger.Formance;

/// <summary>
/// OAuth2 client credentials for Formance (<c>Ledger:Formance:ClientId/ClientSecret/TokenUrl</c>):
/// fetches a bearer token and keeps it until a minute before it expires; a 401 drops it so the next call fetches another.
/// </summary>
public sealed class ClientCredentialsHandler(IHttpClientFactory factory, IOptions<LedgerOptions> options, TimeProvider time) : DelegatingHandler
{
    public const string TokenClientName = "walletflow-formance-token";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            _token = null; // revoked or expired early: the next call fetches a new one
        return response;
    }

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_token is not null && time.GetUtcNow() < _expires)
                return _token;
            var f = options.Value.Formance;
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = f.ClientId!,
                ["client_secret"] = f.ClientSecret!,
            };
            if (!string.IsNullOrWhiteSpace(f.Scopes))
                form["scope"] = f.Scopes;
            using var client = factory.CreateClient(TokenClientName);
            using var content = new FormUrlEncodedContent(form);
            using var response = await client.PostAsync(f.TokenUrl, content, ct);
            if (!response.IsSuccessStatusCode)
                throw new FormanceUnavailableException($"the token endpoint {f.TokenUrl} answered {(int)response.StatusCode}", null, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            _token = body.RootElement.GetProperty("access_token").GetString()
                ?? throw new FormanceUnavailableException($"the token endpoint {f.TokenUrl} answered no access_token");
            var lifetime = body.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 300;
            _expires = time.GetUtcNow().AddSeconds(Math.Max(lifetime - 60, 1));
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _gate.Dispose();
        base.Dispose(disposing);
    }
}
