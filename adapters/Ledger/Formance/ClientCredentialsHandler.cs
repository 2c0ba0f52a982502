using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace WalletFlow.Adapters.Ledger.Formance;

/// <summary>
/// OAuth2 client credentials for Formance (<c>Ledger:Formance:ClientId/ClientSecret/TokenUrl</c>):
/// one token for the process (a singleton, since the HTTP client factory recycles handlers), kept
/// until a minute before it expires; a 401 drops it so the next call fetches another.
/// </summary>
public sealed class FormanceTokenSource(IHttpClientFactory factory, IOptions<LedgerOptions> options, TimeProvider time) : IDisposable
{
    public const string TokenClientName = "walletflow-formance-token";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    public void Invalidate() => _token = null;

    public async Task<string> TokenAsync(CancellationToken ct)
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

    public void Dispose() => _gate.Dispose();
}

/// <summary>Puts the <see cref="FormanceTokenSource"/>'s bearer token on every call to Formance.</summary>
public sealed class ClientCredentialsHandler(FormanceTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.TokenAsync(cancellationToken));
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            tokens.Invalidate(); // revoked or expired early: the next call fetches a new one
        return response;
    }
}
