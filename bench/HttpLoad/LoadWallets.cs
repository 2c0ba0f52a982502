using System.Net;
using System.Net.Http.Json;
using WalletFlow.Api;

namespace WalletFlow.Bench.HttpLoad;

/// <summary>
/// Opens the phases' USD wallets over HTTP (POST /v1/wallets) and funds each with one large pay-in
/// (POST /v1/payins, 1,000,000.00 from <c>banks:bench</c>), so no transfer runs short.
/// </summary>
internal static class LoadWallets
{
    public const string Funding = "1000000.00";

    public static async Task<IReadOnlyList<string>> OpenAndFundAsync(HttpClient api, string prefix, int count, CancellationToken ct)
    {
        var wallets = Enumerable.Range(1, count).Select(i => $"{prefix}{i}").ToArray();
        await Parallel.ForEachAsync(wallets, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (wallet, token) =>
        {
            using (var opened = await api.PostAsJsonAsync("/v1/wallets", new { walletId = wallet, ownerId = "bench", currency = MovementMix.Currency }, token))
                await ExpectAsync(opened, HttpStatusCode.Created, $"open wallet {wallet}", token);
            using var payIn = new HttpRequestMessage(HttpMethod.Post, "/v1/payins")
            {
                Content = JsonContent.Create(new PayInBody(wallet, Funding, MovementMix.Currency, MovementMix.Source, $"fund-{wallet}")),
            };
            payIn.Headers.Add(ApiHeaders.IdempotencyKeyHeader, $"fund-{wallet}");
            using var funded = await api.SendAsync(payIn, token);
            await ExpectAsync(funded, HttpStatusCode.Created, $"fund wallet {wallet}", token);
        });
        return wallets;
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken ct)
    {
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
    }
}
