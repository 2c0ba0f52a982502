using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Core.Corrections;
using WalletFlow.Tests.Integration.Api;

namespace WalletFlow.Tests.Integration.Corrections;

/// <summary>The wait for a decision is durable: it survives a restart, and the deadline expires a correction nobody decided.</summary>
public sealed class CorrectionRestartTests(CorrectionHost host) : IClassFixture<CorrectionHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_restart_while_waiting_keeps_the_wait_and_the_approval_after_it_posts_once()
    {
        var (walletId, _) = await host.FundedWalletAsync("10.00");
        var requested = await CorrectionHost.SendAsync(host.Maker, HttpMethod.Post, "/v1/corrections",
            new { walletId, currency = "NGN", credit = "3.00", reason = "interest owed", evidence = "ticket OPS-9" }, ApiFixture.NewId("key"));
        Assert.True(requested.Status == HttpStatusCode.Accepted, requested.ToString());
        var id = requested.Body.GetProperty("correctionId").GetString()!;
        Assert.NotNull(await host.Server.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(id, Ct));

        await host.StopAsync();
        await host.StartAsync();

        // Still waiting after the restart.
        var after = await host.Server.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(id, Ct);
        Assert.NotNull(after);
        Assert.Contains(after.RuntimeStatus, new[] { OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running });

        var approved = await CorrectionHost.SendAsync(host.Checker, HttpMethod.Post, $"/v1/corrections/{id}/decision", new { decision = "approve" });
        Assert.True(approved.Status == HttpStatusCode.Accepted, approved.ToString());
        Assert.Equal("Posted", (await host.WaitForStatusAsync(id, "Posted", "Refused")).GetProperty("status").GetString());
        Assert.Equal(1_300, await host.AvailableAsync(walletId));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM walletflow.commands WHERE idempotency_key = $1", CorrectionNames.PostingKey(id)));
        // One execution from request to posting: the restart continued it, it did not start another.
        Assert.Equal(1, await host.CountAsync("SELECT count(DISTINCT execution_id) FROM durable.history WHERE instance_id = $1", id));
    }

    [Fact]
    public async Task A_correction_nobody_decides_expires_across_a_restart_and_posts_nothing()
    {
        await host.StopAsync();
        await host.StartAsync("--Corrections:ApprovalTimeout=00:00:04");
        try
        {
            var (walletId, _) = await host.FundedWalletAsync("10.00");
            var requested = await CorrectionHost.SendAsync(host.Maker, HttpMethod.Post, "/v1/corrections",
                new { walletId, currency = "NGN", credit = "3.00", reason = "will expire", evidence = "none" }, ApiFixture.NewId("key"));
            var id = requested.Body.GetProperty("correctionId").GetString()!;
            await host.StopAsync();
            await host.StartAsync("--Corrections:ApprovalTimeout=00:00:04");

            var expired = await host.WaitForStatusAsync(id, "Expired", "Posted");
            Assert.Equal("Expired", expired.GetProperty("status").GetString());
            var late = await CorrectionHost.SendAsync(host.Checker, HttpMethod.Post, $"/v1/corrections/{id}/decision", new { decision = "approve" });
            Assert.Equal(HttpStatusCode.Conflict, late.Status);
            Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM walletflow.commands WHERE idempotency_key = $1", CorrectionNames.PostingKey(id)));
            Assert.Equal(1_000, await host.AvailableAsync(walletId));
            Assert.Equal(["CorrectionRequested", "CorrectionExpired"], await host.EventsAsync(id));
        }
        finally
        {
            await host.StopAsync();
            await host.StartAsync();
        }
    }
}
