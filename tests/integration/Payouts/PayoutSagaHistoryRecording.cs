using System.Net;
using System.Net.Http.Json;
using Google.Protobuf;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using WalletFlow.Host.Durable;
using WalletFlow.Tests.Integration.UseCases;

namespace WalletFlow.Tests.Integration.Payouts;

/// <summary>
/// Records the fixtures of tests/unit/Payouts/PayoutSagaReplayTests: the orchestration history of real
/// payout sagas, as the sidecar committed it, in the Durable Task gRPC protocol's JSON form. Explicit:
/// run it (dotnet test tests/integration -- --filter-method "*Record_the_saga_histories*" --explicit on) only
/// when the saga changes on purpose; the replay tests then pin the new sequence.
/// </summary>
public sealed class PayoutSagaHistoryRecording(PayoutHost host) : IClassFixture<PayoutHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Explicit = true)]
    public async Task Record_the_saga_histories()
    {
        await RecordAsync('1', "payout-instant-success.json", resolution: null);
        await RecordAsync('3', "payout-pending-then-success.json", resolution: null);
        await RecordAsync('5', "payout-ambiguous-then-resolved.json", resolution: "settle");
    }

    private async Task RecordAsync(char lastDigit, string file, string? resolution)
    {
        var wallet = await host.FundedWalletAsync("500.00");
        var payoutId = UseCaseFixture.NewId("po");
        using var started = await SendAsync("/v1/payouts", new
        {
            payoutId, walletId = wallet.WalletId, amount = "100.00", currency = "NGN", providerId = "sandbox", fee = "1.50",
            beneficiary = new { name = "Ada Obi", accountNumber = "012345678" + lastDigit, bankCode = "058" },
        });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        if (resolution is not null)
        {
            while ((await host.Durable.GetInstanceAsync(payoutId, getInputsAndOutputs: true, Ct))?.SerializedCustomStatus?.Contains("manual-review", StringComparison.Ordinal) != true)
                await Task.Delay(200, Ct);
            using var resolved = await SendAsync($"/v1/payouts/{payoutId}/resolution", new { outcome = resolution, evidence = "bank statement line 42", actor = "ops-1" });
            Assert.Equal(HttpStatusCode.Accepted, resolved.StatusCode);
        }
        await host.Durable.WaitForInstanceCompletionAsync(payoutId, Ct);

        var events = (await host.Get<IDurableBackend>().GetHistoryAsync(payoutId, CancellationToken.None)).Select(ProtobufUtils.ToHistoryEventProto).ToList();
        var path = Path.Combine(RepositoryRoot(), "tests", "unit", "Payouts", "Histories", file);
        await File.WriteAllTextAsync(path, "[\n" + string.Join(",\n", events.Select(e => JsonFormatter.Default.Format(e))) + "\n]\n", Ct);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", UseCaseFixture.NewId("key"));
        return await host.Http.SendAsync(request, Ct);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WalletFlow.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("WalletFlow.sln not found above " + AppContext.BaseDirectory);
    }
}
