using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Bench.LedgerLoad;
using WalletFlow.Core.Gates;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Wallets;
using WalletFlow.Host;

namespace WalletFlow.Bench.Payouts;

/// <summary>
/// <c>dotnet run -c Release --project bench -- payouts [--payouts 1000] [--backend postgres|inmemory] [--keep]</c>:
/// the walletflow host (Kestrel, its sandbox rail, the durable worker on the chosen backend, PostgreSQL
/// by default) over a private
/// PostgreSQL cluster; one funded wallet per payout; every payout started at once over HTTP with the
/// sandbox's instant success (account number ending in 1); timed until the last one is Settled.
/// Prints completed payouts/s, then checks every payout Settled, each asset summing to zero, and the
/// books-foot and holds-match gates (see bench/README.md).
/// </summary>
internal static class PayoutsBenchCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var count = Int(args, "--payouts", 1_000);
        var backend = Text(args, "--backend", "postgres") switch
        {
            "postgres" => "Postgres",
            "inmemory" => "InMemory",
            var other => throw new ArgumentException($"--backend must be postgres or inmemory; it is '{other}'."),
        };
        var ct = CancellationToken.None;
        Log($"payouts {string.Join(' ', args)}; machine: {Environment.ProcessorCount} cores, load {LoadAverage()}");

        await using var cluster = await BenchCluster.StartAsync(args.Contains("--keep"), ct);
        // The host opens more than one pool; 1,000 concurrent requests would otherwise exhaust the
        // cluster's max_connections (100). Requests queue for a connection instead, for up to a minute.
        var connectionString = new NpgsqlConnectionStringBuilder(cluster.ConnectionString(BenchCluster.WalletFlowDb, maxPool: 20)) { Timeout = 60 }.ConnectionString;
        await using var server = await WalletFlowServer.StartAsync(
            ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={connectionString}", $"--Durable:Backend={backend}",
             "--Logging:LogLevel:Default=Warning", "--RateLimits:MovementsPerSecond=0"], ct);
        using var http = new HttpClient { BaseAddress = server.Addresses[0], Timeout = TimeSpan.FromMinutes(5) };
        var key = await server.Services.GetRequiredService<AddApiClient>().RunAsync("bench", [Scopes.Admin], "bench", ct);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Value.Key);

        var clock = Stopwatch.StartNew();
        var run = Guid.NewGuid().ToString("N")[..8];
        var wallets = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
        {
            using var scope = server.Services.CreateScope();
            var opened = await scope.ServiceProvider.GetRequiredService<OpenWallet>().RunAsync(new OpenWalletRequest($"bw-{run}-{i}", "bench", "NGN"), token);
            if (!opened.IsSuccess)
                throw new InvalidOperationException(opened.ToString());
            var paid = await scope.ServiceProvider.GetRequiredService<PayIn>().RunAsync(
                new PayInRequest(IdempotencyKey.Create($"bench-payin-{run}-{i}").Value, opened.Value.Wallet.WalletId, "50.00", "NGN", "banks:gtb", $"bench-ext-{run}-{i}"), token);
            if (!paid.IsSuccess)
                throw new InvalidOperationException(paid.ToString());
            wallets[i] = opened.Value.Wallet.WalletId;
        });
        Log($"opened and funded {count:N0} wallets in {clock.Elapsed.TotalSeconds:F1} s");

        var payoutIds = Enumerable.Range(0, count).Select(i => $"bp-{run}-{i}").ToArray();
        // Where the time goes: what the database's backends do (sampled every 10 ms) and the CPU this
        // process (host, worker, sidecar, sandbox rail and the load itself) spends per payout.
        var sampler = WaitSampler.Start(cluster, BenchCluster.WalletFlowDb);
        await using var db = NpgsqlDataSource.Create(connectionString);
        var (commitsBefore, walBefore) = await CommitsAndWalAsync(db, ct);
        var writesBefore = await TableWritesAsync(db, ct);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = DateTimeOffset.UtcNow;
        clock.Restart();
        var answers = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/payouts")
            {
                Content = JsonContent.Create(new
                {
                    payoutId = payoutIds[i], walletId = wallets[i], amount = "10.00", currency = "NGN", providerId = "sandbox", fee = "0.50",
                    beneficiary = new { name = "Ada Obi", accountNumber = "0123456781", bankCode = "058" },
                }),
            };
            request.Headers.Add("Idempotency-Key", $"bench-payout-{run}-{i}");
            using var response = await http.SendAsync(request, ct);
            return response.StatusCode;
        }));
        var accepted = clock.Elapsed;
        if (answers.Any(a => a != HttpStatusCode.Accepted))
            throw new InvalidOperationException("not every start was accepted: " + string.Join(", ", answers.GroupBy(a => a).Select(g => $"{g.Key} x{g.Count()}")));
        Log($"{count:N0} POST /v1/payouts accepted (202) in {accepted.TotalSeconds:F2} s");

        var report = Stopwatch.StartNew();
        while (true)
        {
            var (settled, unfinished, last) = await ProgressAsync(db, payoutIds, ct);
            if (report.Elapsed > TimeSpan.FromSeconds(15))
            {
                Log($"{settled:N0} settled, {unfinished:N0} unfinished (load {LoadAverage()})");
                report.Restart();
            }
            if (unfinished == 0)
            {
                var elapsed = (last - started).TotalSeconds;
                Log($"{settled:N0} settled; last settled {elapsed:F2} s after the first start: {settled / elapsed:F1} completed payouts/s (load {LoadAverage()})");
                var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                Log($"this process: {cpu.TotalSeconds:F1} s CPU, {cpu.TotalMilliseconds / count:F1} ms per payout; database backends, average count by state / wait:");
                foreach (var (what, backends) in (await sampler.StopAsync()).Take(8))
                    Log($"  {backends,6:F2}  {what}");
                var (commitsAfter, walAfter) = await CommitsAndWalAsync(db, ct);
                Log($"database: {(commitsAfter - commitsBefore) / (double)count:F1} commits and {(walAfter - walBefore) / 1024.0 / count:F1} KiB of WAL per payout; rows written per payout (insert/update/delete):");
                var writesAfter = await TableWritesAsync(db, ct);
                foreach (var (table, after) in writesAfter.OrderByDescending(w => w.Value.Sum()).Take(12))
                {
                    var before = writesBefore.GetValueOrDefault(table) ?? [0, 0, 0];
                    var per = after.Zip(before, (a, b) => (a - b) / (double)count).ToArray();
                    if (per.Sum() > 0.05)
                        Log($"  {table,-40} {per[0],5:F1} {per[1],5:F1} {per[2],5:F1}");
                }
                if (settled != count)
                    throw new InvalidOperationException($"{count - settled} payouts ended in another status than Settled");
                break;
            }
            await Task.Delay(50, ct);
        }

        var sums = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        await foreach (var balance in server.Services.GetRequiredService<ILedger>().ListBalancesAsync("", ct))
            sums[balance.Asset] = sums.GetValueOrDefault(balance.Asset) + balance.Balance;
        var gates = await server.Services.GetRequiredService<GateRunner>().RunAsync("bench-payouts", ct);
        var blocking = gates.Gates.Where(g => g.Gate is GateNames.BooksFoot or GateNames.HoldsMatch).ToList();
        Log($"asset sums: {string.Join(", ", sums.Select(s => $"{s.Key}={s.Value}"))}; {string.Join("; ", blocking.Select(g => $"{g.Gate} {(g.Passed ? "passed" : "FAILED: " + string.Join(" | ", g.Details.Take(3)))}"))}");
        return sums.Values.All(s => s.IsZero) && blocking.All(g => g.Passed) ? 0 : 1;
    }

    /// <summary>Transactions committed in the database so far, and the WAL position in bytes.</summary>
    private static async Task<(long Commits, long Wal)> CommitsAndWalAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT xact_commit, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint
            FROM pg_stat_database WHERE datname = current_database()
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<Dictionary<string, long[]>> TableWritesAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT schemaname || '.' || relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables
            """);
        var writes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            writes[reader.GetString(0)] = [reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)];
        return writes;
    }

    /// <summary>Settled count, not yet terminal count, and when the last payout settled (its row's updated_at).</summary>
    private static async Task<(int Settled, int Unfinished, DateTimeOffset Last)> ProgressAsync(NpgsqlDataSource db, string[] payoutIds, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT count(*) FILTER (WHERE status = 'Settled')::int,
                   count(*) FILTER (WHERE status NOT IN ('Settled', 'Released', 'Rejected'))::int + ($2 - count(*)::int),
                   max(updated_at)
            FROM walletflow.payouts WHERE payout_id = ANY($1)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = payoutIds });
        command.Parameters.Add(new NpgsqlParameter { Value = payoutIds.Length });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt32(0), reader.GetInt32(1), reader.IsDBNull(2) ? DateTimeOffset.MinValue : reader.GetFieldValue<DateTimeOffset>(2));
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";

    private static int Int(IReadOnlyList<string> args, string name, int fallback)
    {
        var i = args.ToList().IndexOf(name);
        return i >= 0 && i + 1 < args.Count ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Text(IReadOnlyList<string> args, string name, string fallback)
    {
        var i = args.ToList().IndexOf(name);
        return i >= 0 && i + 1 < args.Count ? args[i + 1] : fallback;
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
