using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WalletFlow.Adapters.Payments;
using WalletFlow.Tests.Integration.UseCases;

namespace WalletFlow.Tests.Integration.Payouts;

/// <summary>What the money-rule tests do to a running <see cref="PayoutHost"/> over HTTP: start a payout, read it, sign a callback, wait for a state.</summary>
internal static class PayoutCalls
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts a 100.00 NGN payout (fee 1.50) whose sandbox script is the beneficiary account's last digit.</summary>
    public static async Task<string> StartAsync(PayoutHost host, string walletId, char sandboxDigit, string? payoutId = null)
    {
        payoutId ??= UseCaseFixture.NewId("po");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/payouts")
        {
            Content = JsonContent.Create(new
            {
                payoutId, walletId, amount = "100.00", currency = "NGN", providerId = "sandbox", fee = "1.50",
                beneficiary = new { name = "Ada Obi", accountNumber = "012345678" + sandboxDigit, bankCode = "058" },
            }),
        };
        request.Headers.Add("Idempotency-Key", UseCaseFixture.NewId("key"));
        using var response = await host.Http.SendAsync(request, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
        return payoutId;
    }

    public static async Task<JsonElement> GetAsync(PayoutHost host, string payoutId) =>
        await host.Http.GetFromJsonAsync<JsonElement>($"/v1/payouts/{payoutId}", Ct);

    public static string? Status(JsonElement payout) => payout.GetProperty("status").GetString();

    public static string? Step(JsonElement payout) => payout.TryGetProperty("step", out var step) ? step.GetString() : null;

    /// <summary>True once the payout is settled, released or rejected, or dead-lettered with its saga waiting for the operator.</summary>
    public static bool Ended(JsonElement payout) =>
        Status(payout) is "Settled" or "Released" or "Rejected" || (Status(payout) == "ManualReview" && Step(payout) == "manual-review");

    /// <summary>
    /// Reads the payout until <paramref name="reached"/> holds. Not a timing assertion: it gives up only
    /// when the test is cancelled, and then says where the payout was.
    /// </summary>
    public static async Task<JsonElement> WaitUntilAsync(PayoutHost host, string payoutId, Func<JsonElement, bool> reached)
    {
        while (true)
        {
            var payout = await GetAsync(host, payoutId);
            if (reached(payout))
                return payout;
            try
            {
                await Task.Delay(200, Ct);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Payout {payoutId} stopped at {payout}");
            }
        }
    }

    /// <summary>A provider callback signed now with the sandbox's key, as the rail (or a replay of it) sends one.</summary>
    public static async Task<HttpStatusCode> CallbackAsync(PayoutHost host, string payoutId, string status, string? reference = null)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new PayoutStatusBody(payoutId, status, reference), JsonSerializerOptions.Web));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/providers/sandbox/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(ProviderProtocol.SignatureHeader, WebhookSignature.Sign(PayoutHost.WebhookSecret, DateTimeOffset.UtcNow, body));
        using var response = await host.Http.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
