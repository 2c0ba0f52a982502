using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.LedgerApi;

/// <summary>
/// Log ids come from a sequence, so entries commit out of id order. A reader tailing
/// <c>GET /v2/{ledger}/logs</c> by its cursor receives every entry exactly once all the same: the
/// listing follows the sealer's chain order, which only grows at its end. The host runs as the
/// service role, as walletflow does.
/// </summary>
public sealed class LogTailingTests(FreshDatabase database) : IClassFixture<FreshDatabase>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private WalletFlowServer _server = null!;
    private HttpClient _http = null!;
    private NpgsqlDataSource _service = null!;

    public async ValueTask InitializeAsync()
    {
        await database.MigrateAsync();
        var service = await database.ServiceConnectionStringAsync();
        _service = NpgsqlDataSource.Create(service);
        _server = await LedgerApiHost.StartAsync(service, Ct, $"--ConnectionStrings:WalletFlowOwner={database.ConnectionString}");
        _http = await LedgerApiHost.ClientAsync(_server);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        await _service.DisposeAsync();
    }

    [Fact]
    public async Task An_entry_that_commits_after_a_higher_id_was_read_is_still_received_once()
    {
        var ledger = await LedgerApiHost.NewLedgerAsync(_http, "tail");
        await PostAsync(ledger, "wallets:w0:main");
        var tail = new Tail(ledger);
        await tail.ReadAsync(_http);

        long lateId;
        await using (var late = await _service.OpenConnectionAsync(Ct))
        await using (var transaction = await late.BeginTransactionAsync(Ct))
        {
            lateId = await AppendInFlightAsync(late, transaction, ledger);
            var committedId = await PostAsync(ledger, "wallets:w1:main");
            await tail.ReadAsync(_http);
            Assert.True(lateId < committedId, $"the held entry {lateId} should have the lower id");
            Assert.Contains(committedId, tail.Ids);
            Assert.DoesNotContain(lateId, tail.Ids);
            await transaction.CommitAsync(Ct);
        }
        await tail.ReadAsync(_http);

        Assert.Equal(lateId, tail.Ids[^1]);
        Assert.Equal(await AllIdsAsync(ledger), tail.Ids.Order());
        Assert.Equal(tail.Ids.Count, tail.Ids.Distinct().Count());
    }

    [Fact]
    public async Task A_tailing_reader_receives_every_entry_exactly_once_while_writers_commit_out_of_order()
    {
        var ledger = await LedgerApiHost.NewLedgerAsync(_http, "tail");
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var holds = Enumerable.Range(0, 8).Select(_ => random.Next(10, 60)).ToArray();
        using var writing = new CancellationTokenSource();

        // Fast writers: transactions through the API, grouped and committed as they come.
        var fast = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
                await PostAsync(ledger, $"wallets:f{w}:main");
        }, Ct)).ToList();
        // Slow writers: each takes a log id and holds its transaction open while a higher id commits
        // and is sealed (a listing seals first), then commits: an entry below one already placed.
        var slow = Task.Run(async () =>
        {
            foreach (var hold in holds)
            {
                await using var connection = await _service.OpenConnectionAsync(Ct);
                await using var transaction = await connection.BeginTransactionAsync(Ct);
                await AppendInFlightAsync(connection, transaction, ledger);
                await PostAsync(ledger, "wallets:slow:main");
                using (await _http.GetAsync(new Uri($"v2/{ledger}/logs?pageSize=1", UriKind.Relative), Ct)) { }
                await Task.Delay(hold, Ct);
                await transaction.CommitAsync(Ct);
            }
        }, Ct);

        var tail = new Tail(ledger);
        var writers = Task.WhenAll([.. fast, slow]);
        while (!writers.IsCompleted)
        {
            await tail.ReadAsync(_http, pageSize: 7);
            await Task.Delay(5, Ct);
        }
        await writers;
        await tail.ReadAsync(_http, pageSize: 7);

        var all = await AllIdsAsync(ledger);
        Assert.True(all.Count == 4 * 20 + 8 * 2, $"seed {seed}");
        Assert.True(tail.Ids.Count == tail.Ids.Distinct().Count(), $"an entry was received twice (seed {seed}): {string.Join(",", tail.Ids)}");
        Assert.True(all.SequenceEqual(tail.Ids.Order()), $"entries missed (seed {seed}): {string.Join(",", all.Except(tail.Ids))}");
        // The run did commit out of id order: some entry arrived after one with a higher id.
        Assert.True(tail.Ids.Zip(tail.Ids.Skip(1)).Any(p => p.First > p.Second), $"no entry committed out of id order (seed {seed})");
    }

    // What every ledger writer does (EmbeddedLedger.AppendLogAsync): an unhashed entry with the next
    // id of the ledger's sequence, inside a transaction not yet committed.
    private static async Task<long> AppendInFlightAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string ledger)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO ledger.logs (ledger, id, type, data, date)
            VALUES ($1, nextval(format('ledger.log_ids_%s', (SELECT number FROM ledger.ledgers WHERE name = $1))::regclass),
                    $2, $3::json, now())
            RETURNING id
            """, connection, transaction);
        command.Parameters.AddWithValue(ledger);
        command.Parameters.AddWithValue(EmbeddedLedger.SetMetadataLog);
        command.Parameters.AddWithValue("""{"targetType":"ACCOUNT","targetId":"wallets:w0:main","metadata":{"held":"yes"}}""");
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private async Task<long> PostAsync(string ledger, string destination)
    {
        using var content = new StringContent(
            $$"""{"postings":[{"source":"world","destination":"{{destination}}","amount":1,"asset":"NGN/2"}]}""", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri($"v2/{ledger}/transactions", UriKind.Relative), content, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("id").GetInt64();
        // The transaction's log entry: its id is what a reader sees.
        await using var command = _service.CreateCommand(
            "SELECT id FROM ledger.logs WHERE ledger = $1 AND type = 'NEW_TRANSACTION' AND (data -> 'transaction' ->> 'id')::bigint = $2");
        command.Parameters.AddWithValue(ledger);
        command.Parameters.AddWithValue(id);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private async Task<List<long>> AllIdsAsync(string ledger)
    {
        await using var command = _service.CreateCommand("SELECT id FROM ledger.logs WHERE ledger = $1 ORDER BY id");
        command.Parameters.AddWithValue(ledger);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
            ids.Add(reader.GetInt64(0));
        return ids;
    }

    // A client that tails the log: reads every page from its cursor, keeps the last cursor it was given.
    private sealed class Tail(string ledger)
    {
        private string? _cursor;

        public List<long> Ids { get; } = [];

        public async Task ReadAsync(HttpClient http, int pageSize = 15)
        {
            while (true)
            {
                var query = $"v2/{ledger}/logs?pageSize={pageSize}" + (_cursor is null ? "" : $"&cursor={_cursor}");
                using var response = await http.GetAsync(new Uri(query, UriKind.Relative), Ct);
                var text = await response.Content.ReadAsStringAsync(Ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, text);
                var page = JsonDocument.Parse(text).RootElement.GetProperty("cursor");
                Ids.AddRange(page.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
                if (page.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String)
                    _cursor = next.GetString();
                if (!page.GetProperty("hasMore").GetBoolean())
                    return;
            }
        }
    }
}
