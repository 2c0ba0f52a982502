using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Adapters.Movements;

namespace WalletFlow.Tests.Integration.Api;

/// <summary>
/// Issue 14's acceptance on the embedded ledger: 500 seeded random money movements over real HTTP,
/// each on its own connection that the client drops at a random moment (four in five within 40 ms:
/// before connecting, while sending, while the movement waits for its group or commits, while the
/// answer comes back; the rest later, so some answers are heard). A queued movement
/// completes or not as a whole whatever the client does, so afterwards a replay of every request
/// answers 201 or an expected rejection, the four gates pass, and every ledger transaction has its
/// command, its outbox event and its claim (and nothing else does). The seed is printed on failure;
/// WALLETFLOW_RANDOM_SEED replays a run.
/// </summary>
public sealed class DroppedClientTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const int Requests = 500;
    private const int WaveSize = 25;
    private const int Wallets = 10;
    private const int MaxDropMilliseconds = 40;
    private const int MaxLateDropMilliseconds = 400;

    /// <summary>The rejections a random caller can cause: money and state.</summary>
    private static readonly string[] ExpectedRejections = ["insufficient_funds", "not_found", "state_conflict"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One planned request: sent once with a drop, then replayed with the same key and body.</summary>
    private sealed record Planned(int N, string Kind, string Path, string Json, string Key, int DropAfterMs);

    [Fact]
    public async Task Five_hundred_requests_whose_clients_drop_the_socket_leave_every_ledger_transaction_with_its_command_and_the_gates_passing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("WALLETFLOW_RANDOM_SEED"), CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed : Random.Shared.Next();
        try
        {
            await RunAsync(seed);
        }
        catch (Exception e) when (e is not OperationCanceledException || !Ct.IsCancellationRequested)
        {
            throw new InvalidOperationException($"Dropped clients failed with seed {seed} (WALLETFLOW_RANDOM_SEED={seed} replays it): {e.Message}", e);
        }
    }

    private async Task RunAsync(int seed)
    {
        var random = new Random(seed);
        var wallets = new List<string>();
        for (var i = 0; i < Wallets; i++)
            wallets.Add(await api.FundedWalletAsync("1000.00"));
        var plan = Plan(seed, random, wallets);

        // Every request once, 25 at a time, each client dropping its socket at its random moment.
        var first = new ApiAnswer?[Requests];
        foreach (var wave in plan.Chunk(WaveSize))
        {
            var answers = await Task.WhenAll(wave.Select(r => Task.Run(() => SendDroppingAsync(r))));
            for (var i = 0; i < wave.Length; i++)
                first[wave[i].N] = answers[i];
        }
        foreach (var r in plan)
        {
            if (first[r.N] is { } answered)
                AssertExpected(r, answered, "first send");
        }

        // Movements whose clients are gone may still be queued or committing: let them finish, so a
        // replay never overtakes its own first request.
        await WaitUntilQuietAsync();

        // Every request again, same key and body, nobody dropping.
        var replays = new ApiAnswer[Requests];
        foreach (var wave in plan.Chunk(WaveSize))
        {
            var answers = await Task.WhenAll(wave.Select(r => Task.Run(() => ReplayAsync(r))));
            for (var i = 0; i < wave.Length; i++)
                replays[wave[i].N] = answers[i];
        }
        foreach (var r in plan)
        {
            AssertExpected(r, replays[r.N], "replay");
            if (first[r.N] is { Status: HttpStatusCode.Created } created)
                Assert.True(created.Text == replays[r.N].Text, $"request {r.N} ({r.Kind}): the replay of a 201 answered differently: {created} then {replays[r.N]}");
        }

        var cut = plan.Where(r => first[r.N] is null).Select(r => r.Key).ToArray();
        var keys = plan.Select(r => r.Key).ToArray();
        var written = replays.Count(a => a.Status == HttpStatusCode.Created);
        var cutButWritten = await ScalarAsync("SELECT count(*) FROM walletflow.commands WHERE idempotency_key = ANY($1)", cut);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"seed {seed}: {Requests - cut.Length} answered before the drop ({first.Count(a => a?.Status == HttpStatusCode.Created)} written), " +
            $"{cut.Length} dropped ({cutButWritten} of them written anyway); replays: {written} written, " +
            string.Join(", ", replays.Where(a => a.Status != HttpStatusCode.Created).GroupBy(a => a.Code).Select(g => $"{g.Count()} {g.Key}")));
        Assert.True(cutButWritten > 0, $"none of the {cut.Length} dropped requests was written: no client dropped after its movement was queued");
        Assert.True(written > 0, "no movement was written");

        // The four gates: books foot, holds match, statements match, COA coverage.
        var gates = await api.SendAsync(HttpMethod.Post, "/v1/gates/run");
        Assert.True(gates.Status == HttpStatusCode.OK, gates.ToString());
        var failed = gates.Body.GetProperty("gates").EnumerateArray().Where(g => !g.GetProperty("passed").GetBoolean())
            .Select(g => $"{g.GetProperty("gate").GetString()}: {string.Join("; ", g.GetProperty("details").EnumerateArray().Take(5).Select(d => d.ToString()))}")
            .ToList();
        Assert.True(failed.Count == 0 && gates.Body.GetProperty("passed").GetBoolean(), string.Join(" | ", failed));
        Assert.Equal(4, gates.Body.GetProperty("gates").GetArrayLength());

        // Every ledger transaction is a movement's, and has exactly its one command.
        await AssertNoRowsAsync("ledger transactions without walletflow_command metadata",
            "SELECT id::text FROM ledger.transactions WHERE NOT metadata ? 'walletflow_command'");
        await AssertNoRowsAsync("ledger transactions without exactly one command naming them",
            """
            SELECT t.id || ' ' || (t.metadata->>'walletflow_command') FROM ledger.transactions t
            WHERE (SELECT count(*) FROM walletflow.commands c
                   WHERE c.command_id = t.metadata->>'walletflow_command' AND c.ledger_tx_id = t.id) <> 1
            """);
        // Every command has its ledger transaction, its one outbox event and its claim; every claim its command.
        await AssertNoRowsAsync("commands without their ledger transaction",
            """
            SELECT c.command_id FROM walletflow.commands c
            WHERE NOT EXISTS (SELECT 1 FROM ledger.transactions t
                              WHERE t.id = c.ledger_tx_id AND t.metadata->>'walletflow_command' = c.command_id)
            """);
        await AssertNoRowsAsync("commands without exactly one outbox event",
            """
            SELECT c.command_id || ' has ' || count(o.*) FROM walletflow.commands c
            LEFT JOIN walletflow.outbox o ON o.payload->>'commandId' = c.command_id
            GROUP BY c.command_id HAVING count(o.*) <> 1
            """);
        await AssertNoRowsAsync("outbox events naming no command",
            """
            SELECT o.payload->>'commandId' FROM walletflow.outbox o
            WHERE o.payload ? 'commandId'
              AND NOT EXISTS (SELECT 1 FROM walletflow.commands c WHERE c.command_id = o.payload->>'commandId')
            """);
        await AssertNoRowsAsync("idempotency claims without their command",
            """
            SELECT k.idempotency_key || ' ' || k.status FROM walletflow.idempotency_claims k
            WHERE NOT EXISTS (SELECT 1 FROM walletflow.commands c WHERE c.idempotency_key = k.idempotency_key)
            """);
        // Exactly the movements the replays answered 201 happened: a dropped one was written once or not at all.
        Assert.Equal(written, await ScalarAsync("SELECT count(*) FROM walletflow.commands WHERE idempotency_key = ANY($1)", keys));
        Assert.Equal(written, await ScalarAsync(
            "SELECT count(*) FROM walletflow.outbox o JOIN walletflow.commands c ON o.payload->>'commandId' = c.command_id WHERE c.idempotency_key = ANY($1)", keys));
    }

    /// <summary>A seeded mix of pay-ins, transfers (a quarter overdrawing), holds, settles and releases.</summary>
    private static List<Planned> Plan(int seed, Random random, List<string> wallets)
    {
        var plan = new List<Planned>(Requests);
        var holds = new List<string>();
        string Pick() => wallets[random.Next(wallets.Count)];
        string Amount(int maxMajor) => $"{random.Next(1, maxMajor)}.{random.Next(0, 100):00}";
        for (var n = 0; n < Requests; n++)
        {
            var key = $"drop-{seed}-{n:000}";
            var kind = random.Next(10);
            (string Kind, string Path, object Body) request = kind switch
            {
                0 or 1 => ("pay-in", "/v1/payins", new { walletId = Pick(), amount = Amount(300), currency = "NGN", source = random.Next(2) == 0 ? "banks:gtb" : "banks:zenith", externalRef = $"ext-{n}" }),
                2 or 3 or 4 => Transfer(),
                5 or 6 => PlaceHold(),
                7 or 8 when holds.Count > 0 => CloseHold(holds[random.Next(holds.Count)]),
                _ => CloseHold($"h-never-{seed}-{n}"),
            };
            // Most clients drop within 40 ms (before connecting, mid-send, while queued or committing);
            // one in five later, so some hear their answer and a replay must repeat it exactly.
            var dropAfter = random.Next(5) == 0 ? random.Next(MaxDropMilliseconds, MaxLateDropMilliseconds + 1) : random.Next(0, MaxDropMilliseconds + 1);
            plan.Add(new Planned(n, request.Kind, request.Path, JsonSerializer.Serialize(request.Body), key, dropAfter));

            (string, string, object) Transfer()
            {
                var from = Pick();
                var to = wallets[(wallets.IndexOf(from) + 1 + random.Next(wallets.Count - 1)) % wallets.Count];
                var amount = random.Next(4) == 0 ? Amount(9000) : Amount(200);
                return ("transfer", "/v1/transfers", new { fromWalletId = from, toWalletId = to, amount, currency = "NGN", fee = random.Next(2) == 0 ? "0.10" : null });
            }

            (string, string, object) PlaceHold()
            {
                var holdId = $"h-{seed}-{n}";
                holds.Add(holdId);
                return ("hold", "/v1/holds", new { walletId = Pick(), amount = random.Next(5) == 0 ? Amount(5000) : Amount(150), currency = "NGN", holdId });
            }

            (string, string, object) CloseHold(string holdId) => random.Next(2) == 0
                ? ("settle", $"/v1/holds/{holdId}/settle", new { counterpartyId = "merchant-1" })
                : ("release", $"/v1/holds/{holdId}/release", new { });
        }
        return plan;
    }

    /// <summary>Sends on a client of its own that drops the connection after the planned delay; null when it did.</summary>
    private async Task<ApiAnswer?> SendDroppingAsync(Planned request)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1 };
        using var client = new HttpClient(handler) { BaseAddress = api.Http.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = api.Http.DefaultRequestHeaders.Authorization;
        using var drop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        drop.CancelAfter(request.DropAfterMs);
        try
        {
            return await SendAsync(client, request, drop.Token);
        }
        catch (OperationCanceledException) when (drop.IsCancellationRequested && !Ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Replays on the fixture's client; "in progress" is retried briefly (a group may still be committing).</summary>
    private async Task<ApiAnswer> ReplayAsync(Planned request)
    {
        for (var attempt = 1; ; attempt++)
        {
            var answer = await SendAsync(api.Http, request, Ct);
            if (answer.Code != "idempotency_in_progress" || attempt == 20)
                return answer;
            await Task.Delay(50, Ct);
        }
    }

    private static async Task<ApiAnswer> SendAsync(HttpClient client, Planned planned, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, planned.Path)
        {
            Content = new StringContent(planned.Json, Encoding.UTF8, MediaTypeHeaderValue.Parse("application/json")),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", planned.Key);
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return new ApiAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text,
            response.Headers.RetryAfter?.Delta, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>201 with a command id, or a 4xx problem+json with one of <see cref="ExpectedRejections"/>: never a 5xx, never "in progress".</summary>
    private static void AssertExpected(Planned request, ApiAnswer answer, string when)
    {
        var what = $"request {request.N} ({request.Kind} {request.Path} {request.Json}), {when}: {answer}";
        if (answer.Status == HttpStatusCode.Created)
        {
            Assert.True(answer.Body.GetProperty("commandId").GetString()?.StartsWith("cmd_", StringComparison.Ordinal) == true, what);
            return;
        }
        Assert.True((int)answer.Status is >= 400 and < 500, what);
        Assert.True(answer.MediaType == "application/problem+json", what);
        Assert.True(ExpectedRejections.Contains(answer.Code), what);
    }

    /// <summary>Waits until no movement is queued, no group is being written and no transaction is open in the database.</summary>
    private async Task WaitUntilQuietAsync()
    {
        var writer = api.Services.GetRequiredService<GroupMovementWriter>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var quiet = 0;
        var groups = writer.Statistics.Groups;
        while (quiet < 5)
        {
            Assert.True(DateTime.UtcNow < deadline, "the writer never went quiet");
            await Task.Delay(20, Ct);
            var now = writer.Statistics;
            var open = await ScalarAsync(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL");
            quiet = now.Queued == 0 && now.Groups == groups && open == 0 ? quiet + 1 : 0;
            groups = now.Groups;
        }
    }

    /// <summary>A count; <paramref name="keys"/>, when given, is the query's $1 (a text[]).</summary>
    private async Task<long> ScalarAsync(string sql, string[]? keys = null)
    {
        await using var connection = new NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        if (keys is not null)
            command.Parameters.Add(new NpgsqlParameter { Value = keys });
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private async Task AssertNoRowsAsync(string what, string sql)
    {
        await using var connection = new NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        var rows = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
                rows.Add(reader.IsDBNull(0) ? "(null)" : reader.GetString(0));
        }
        Assert.True(rows.Count == 0, $"{rows.Count} {what}: {string.Join(", ", rows.Take(10))}");
    }
}
