using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Payments;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Adapters.Payments;

/// <summary>
/// A provider that speaks walletflow's wire protocol over HTTP (README.md beside this file). No
/// retries here: a retry is the saga's decision (a requery, or a resubmit under the same idempotency
/// key), taken with durable timers and a budget; this class makes one call and classifies it.
/// </summary>
public sealed class HttpPaymentProvider : IPaymentProvider
{
    // A status answer is a few hundred bytes; a provider streaming megabytes at us is not answering.
    private const int MaxAnswerBytes = 64 * 1024;

    private readonly PaymentProviderSettings _settings;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    /// <param name="settings">The provider's validated settings.</param>
    /// <param name="http">A client without its own timeout (<see cref="Timeout.InfiniteTimeSpan"/>): the settings' timeouts apply.</param>
    /// <param name="time">The clock of the timeouts.</param>
    public HttpPaymentProvider(PaymentProviderSettings settings, HttpClient http, TimeProvider time)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public string ProviderId => _settings.ProviderId;

    public IReadOnlySet<Currency> Currencies => _settings.Currencies;

    public Task<ProviderOutcome> SubmitAsync(PayoutInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var body = JsonSerializer.Serialize(PayoutRequestBody.From(instruction), ProviderJson.Options);
        return CallAsync(HttpMethod.Post, ProviderProtocol.PayoutsPath, instruction.PayoutId, body, _settings.SubmitTimeout, cancellationToken);
    }

    public Task<ProviderOutcome> QueryAsync(string payoutId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(payoutId);
        return CallAsync(HttpMethod.Get, $"{ProviderProtocol.PayoutsPath}/{Uri.EscapeDataString(payoutId)}", payoutId, null, _settings.QueryTimeout, cancellationToken);
    }

    public Result<ProviderStatusEvent> VerifyWebhook(ReadOnlySpan<byte> body, string? signature)
    {
        if (string.IsNullOrEmpty(_settings.WebhookSecret))
            return new WebhookRejected(ProviderId, "no webhook secret is configured for this provider");
        if (signature is null)
            return new WebhookRejected(ProviderId, $"the {ProviderProtocol.SignatureHeader} header is missing");
        if (WebhookSignature.Check(_settings.WebhookSecret, body, signature, _time.GetUtcNow(), _settings.WebhookTolerance) is { } refused)
            return new WebhookRejected(ProviderId, refused);

        // Signed by the provider, so the remaining failures are the provider's bugs, not forgeries.
        var answer = ProviderAnswers.Parse(Encoding.UTF8.GetString(body));
        if (answer is null || string.IsNullOrEmpty(answer.PayoutId))
            return new WebhookRejected(ProviderId, "the body is not a payout status with a payoutId");
        return ProviderAnswers.FromStatus(answer) is { } outcome
            ? new ProviderStatusEvent(ProviderId, answer.PayoutId, outcome)
            : new WebhookRejected(ProviderId, $"status '{answer.Status}' of payout '{answer.PayoutId}' is unknown or incomplete");
    }

    private async Task<ProviderOutcome> CallAsync(HttpMethod method, string path, string payoutId, string? json, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_settings.BaseUrl() is not { } baseUrl)
            return new ProviderOutcome.Ambiguous($"provider '{ProviderId}' has no base URL yet (is its rail running?)");

        using var request = new HttpRequestMessage(method, new Uri(WithTrailingSlash(baseUrl), path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(_settings.ApiKey))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _settings.ApiKey);
        if (json is not null)
        {
            request.Headers.Add(ProviderProtocol.IdempotencyKeyHeader, payoutId);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var body = await ReadLimitedAsync(response.Content, linked.Token);
            return body is null
                ? new ProviderOutcome.Ambiguous($"HTTP {(int)response.StatusCode} with a body over {MaxAnswerBytes} bytes")
                : ProviderAnswers.Classify((int)response.StatusCode, body, payoutId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // our caller is stopping; that is not something the provider said
        }
#pragma warning disable CA1031 // Every failure to get an answer is an ambiguous outcome by contract (IPaymentProvider).
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ProviderAnswers.Failure(e, deadline.IsCancellationRequested, timeout);
        }
    }

    private static async Task<string?> ReadLimitedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxAnswerBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static Uri WithTrailingSlash(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
}
