using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Adapters.Payments;
using WalletFlow.Core.Identity;
using WalletFlow.Tests.Integration.Api;
using WalletFlow.Tests.Integration.Infrastructure;
using LedgerHttpApi = WalletFlow.Host.LedgerApi.LedgerApi;

namespace WalletFlow.Tests.Integration.Fuzz;

/// <summary>
/// Issue 16 §7: seeded hostile requests (<see cref="HostileRequests"/>) against every v1 endpoint, the
/// provider webhook and the ledger API of the real host. Each must be refused with a 4xx, its body
/// problem+json (Formance's <c>{errorCode, errorMessage}</c> on the ledger API); none may answer 5xx,
/// write a row of a movement's tables or stop the host. WALLETFLOW_FUZZ_SEED replays a run,
/// WALLETFLOW_FUZZ_REQUESTS sets its length (10,000),
/// WALLETFLOW_FUZZ_SHOWN how many wrongly answered requests a failure prints (5).
/// </summary>
public sealed class FuzzTests(FuzzApiFixture api) : IClassFixture<FuzzApiFixture>
{
    private const int DefaultRequests = 10_000;
    private const int InFlight = 8;
    private const int DefaultFailuresShown = 5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hostile_requests_are_each_refused_with_a_4xx_problem_and_write_nothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("WALLETFLOW_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed : Random.Shared.Next();
        var requests = int.TryParse(Environment.GetEnvironmentVariable("WALLETFLOW_FUZZ_REQUESTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n : DefaultRequests;
        var shown = int.TryParse(Environment.GetEnvironmentVariable("WALLETFLOW_FUZZ_SHOWN"), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            ? m : DefaultFailuresShown;
        var replay = $"seed {seed} (WALLETFLOW_FUZZ_SEED={seed} replays it)";
        Log($"fuzz: {requests} hostile requests, {replay}");

        var credentials = new FuzzCredentials(api.AdminKey, await api.Server.NewKeyAsync(Scopes.WalletsRead), await api.Server.NewKeyAsync(Scopes.ReportsRead),
            FuzzApiFixture.WebhookSecret, SandboxRailOptions.ProviderId, LedgerOptions.DefaultName);
        var before = await api.CountWritesAsync();

        var run = await FuzzRun.SendAsync(new HostileRequests(seed, credentials, DateTimeOffset.UtcNow).Take(requests),
            api.Server.Addresses[0], LedgerApiAddress(), InFlight, Ct);

        var after = await api.CountWritesAsync();
        using var http = new HttpClient { BaseAddress = api.Server.Addresses[0] };
        using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);

        Log($"fuzz: {run.Summary()}");
        Log("fuzz: by break and status:\n" + run.BreakTable());
        Log($"fuzz: rows written {string.Join(", ", ApiFixture.WrittenTables.Select((t, i) => $"{t} {after[i] - before[i]}"))}");
        Assert.True(run.Failures.IsEmpty,
            $"{run.Failures.Count} of {requests} hostile requests were not refused with a 4xx problem ({replay}); {run.Summary()}. The first {shown}:\n\n"
            + string.Join("\n\n", run.Failures.Take(shown)));
        Assert.True(before.SequenceEqual(after),
            $"hostile requests wrote rows ({replay}): before [{string.Join(", ", before)}], after [{string.Join(", ", after)}] of {string.Join(", ", ApiFixture.WrittenTables)}");
        Assert.True(live.StatusCode == HttpStatusCode.OK, $"/health/live answered {(int)live.StatusCode} after the fuzz run ({replay})");
    }

    [Fact]
    public void Every_v1_and_ledger_route_the_host_maps_is_in_the_fuzzer_table()
    {
        var mapped = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} {Normalized(e.RoutePattern.RawText ?? "")}"))
            .Where(r => r.Contains(" /v1/", StringComparison.Ordinal) || r.Contains(" " + LedgerHttpApi.Prefix + "/", StringComparison.Ordinal))
            .ToHashSet();
        var fuzzed = FuzzEndpoints.All
            .Select(e => $"{e.Method} {(e.Surface == FuzzSurface.Ledger ? LedgerHttpApi.Prefix : "")}{e.Path}")
            .ToHashSet();

        Assert.Empty(mapped.Except(fuzzed).Order());
        Assert.Empty(fuzzed.Except(mapped).Order());
    }

    [Fact]
    public void The_same_seed_generates_the_same_requests()
    {
        var credentials = new FuzzCredentials("wf_admin", "wf_wallets", "wf_reports", FuzzApiFixture.WebhookSecret, "sandbox", "walletflow");
        var at = DateTimeOffset.UnixEpoch.AddYears(56);
        var first = new HostileRequests(42, credentials, at).Take(500).Select(r => r.Describe() + Convert.ToBase64String(r.Body ?? [])).ToList();
        var again = new HostileRequests(42, credentials, at).Take(500).Select(r => r.Describe() + Convert.ToBase64String(r.Body ?? [])).ToList();

        Assert.Equal(first, again);
        // Every endpoint and every break comes up in a short run.
        var generated = new HostileRequests(7, credentials, at).Take(5000).ToList();
        Assert.Equal(FuzzEndpoints.All.Count, generated.Select(r => r.Endpoint).Distinct().Count());
        Assert.Equal(FuzzEndpoints.All.SelectMany(e => e.Breaks).Distinct().Order(), generated.Select(r => r.Break).Distinct().Order());
    }

    // Route parameters without their constraints: /transactions/{id:long} is /transactions/{id}.
    private static string Normalized(string pattern)
    {
        var text = new StringBuilder();
        var skipping = false;
        foreach (var c in "/" + pattern.TrimStart('/'))
        {
            if (c == ':' && text.ToString().LastIndexOf('{') > text.ToString().LastIndexOf('}'))
                skipping = true;
            else if (c == '}')
                skipping = false;
            if (!skipping)
                text.Append(c);
        }
        return text.ToString().TrimEnd('/');
    }

    private Uri LedgerApiAddress() => new(Assert.Single(api.Server.LedgerApiAddresses), LedgerHttpApi.Prefix);

    private static void Log(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        TestContext.Current.SendDiagnosticMessage(line);
    }
}
