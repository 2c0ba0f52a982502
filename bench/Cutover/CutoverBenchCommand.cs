using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Bench.LedgerLoad;
using WalletFlow.Core.Flags;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Ports;
using WalletFlow.Host;

namespace WalletFlow.Bench.Cutover;

/// <summary>
/// <c>dotnet run -c Release --project bench -- cutover [--wallets 10000] [--batch-size 200] [--rows-in-flight 16] [--no-rollback] [--keep]</c>:
/// the walletflow host (durable worker on its PostgreSQL store) over a private PostgreSQL cluster; one
/// legacy balances file of <c>--wallets</c> rows over NGN, USD, JPY, KWD and USDT (every seventh balance
/// zero) uploaded over HTTP and timed from the upload to <c>Live</c>, with each step's share from its
/// transitions; then checked (file totals = ledger totals per currency to the minor unit, one opening
/// balance per non-zero wallet, the cutover's gate run passed, cutover_live on) and, unless
/// <c>--no-rollback</c>, rolled back and timed to <c>RolledBack</c> (every wallet zero, books foot, flags off).
/// </summary>
internal static class CutoverBenchCommand
{
    private static readonly (string Code, int Scale)[] Currencies = [("NGN", 2), ("USD", 2), ("JPY", 0), ("KWD", 3), ("USDT", 6)];

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var count = Int(args, "--wallets", 10_000);
        var batchSize = Int(args, "--batch-size", 200);
        var inFlight = Int(args, "--rows-in-flight", 16);
        var ct = CancellationToken.None;
        Log($"cutover {string.Join(' ', args)}; machine: {Environment.ProcessorCount} cores, load {LoadAverage()}");

        await using var cluster = await BenchCluster.StartAsync(args.Contains("--keep"), ct);
        var connectionString = new NpgsqlConnectionStringBuilder(cluster.ConnectionString(BenchCluster.WalletFlowDb, maxPool: 20)) { Timeout = 60 }.ConnectionString;
        await using var server = await WalletFlowServer.StartAsync(
            ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={connectionString}", "--Durable:Backend=Postgres",
             "--Logging:LogLevel:Default=Warning", $"--Cutover:BatchSize={batchSize}", $"--Cutover:RowsInFlight={inFlight}"], ct);
        using var http = new HttpClient { BaseAddress = server.Addresses[0], Timeout = TimeSpan.FromMinutes(5) };
        var key = await server.Services.GetRequiredService<AddApiClient>().RunAsync("bench", [Scopes.CutoverRun], "bench", ct);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Value.Key);

        var (csv, rows) = File(count);
        Log($"file: {count:N0} rows, {Encoding.UTF8.GetByteCount(csv) / 1024.0:F0} KiB, {rows.Count(r => r.Minor > 0):N0} non-zero balances, batches of {batchSize}, {inFlight} rows in flight per batch");
        var clock = Stopwatch.StartNew();
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/v1/cutovers") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        upload.Headers.Add("Idempotency-Key", "bench-cutover-" + Guid.NewGuid().ToString("N"));
        using var accepted = await http.SendAsync(upload, ct);
        var body = await accepted.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (accepted.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"upload: {(int)accepted.StatusCode} {body}");
        var uploaded = clock.Elapsed;
        var cutoverId = body.GetProperty("cutoverId").GetString()!;
        var live = await WaitAsync(http, cutoverId, c => c.GetProperty("status").GetString() is "Live" or "Failed", ct);
        var total = clock.Elapsed;
        if (live.GetProperty("status").GetString() != "Live")
            throw new InvalidOperationException($"the cutover did not go live: {live}");
        Log($"upload answered 202 (checked and stored {count:N0} rows) in {uploaded.TotalSeconds:F2} s");
        Log($"LIVE: {count:N0} wallets from upload to cutover_live in {total.TotalSeconds:F1} s ({count / total.TotalSeconds:F0} wallets/s)");
        Steps(live);

        // Checks: totals to the minor unit, one opening balance per non-zero wallet, gates, flags.
        var failures = new List<string>();
        foreach (var t in live.GetProperty("totals").EnumerateArray())
        {
            var currency = t.GetProperty("currency").GetString()!;
            var expected = rows.Where(r => r.Currency == currency).Aggregate(BigInteger.Zero, (s, r) => s + r.Minor).ToString(CultureInfo.InvariantCulture);
            if (t.GetProperty("fileMinor").GetString() != expected || t.GetProperty("ledgerMinor").GetString() != expected)
                failures.Add($"{currency}: expected {expected}, file {t.GetProperty("fileMinor")}, ledger {t.GetProperty("ledgerMinor")}");
            Log($"  {currency}: {t.GetProperty("wallets").GetInt32():N0} wallets, file {t.GetProperty("fileMinor")} = ledger {t.GetProperty("ledgerMinor")} minor units");
        }
        await using var db = NpgsqlDataSource.Create(connectionString);
        var openings = await CountAsync(db, "SELECT count(*) FROM ledger.transactions WHERE reference LIKE $1", $"migration-opening-balance:cutover:{cutoverId}:%");
        if (openings != rows.Count(r => r.Minor > 0))
            failures.Add($"{openings} opening balances, expected {rows.Count(r => r.Minor > 0)}");
        var gateRun = (await server.Services.GetRequiredService<IGateRunStore>().ListRecentAsync(20, ct)).FirstOrDefault(r => r.Trigger == $"cutover:{cutoverId}");
        if (gateRun is not { Passed: true })
            failures.Add("the cutover's gate run did not pass");
        var flags = server.Services.GetRequiredService<IFeatureFlags>();
        if (!(await flags.GetAsync(FeatureFlagNames.CutoverLive, ct)).Enabled)
            failures.Add("cutover_live is off");
        Log($"checks: {openings:N0} opening balances, gate run {(gateRun?.Passed == true ? "passed" : "FAILED")}, cutover_live {(await flags.GetAsync(FeatureFlagNames.CutoverLive, ct)).Enabled}");

        if (!args.Contains("--no-rollback"))
        {
            clock.Restart();
            using var rollback = await http.PostAsync($"/v1/cutovers/{cutoverId}/rollback", null, ct);
            if (rollback.StatusCode != HttpStatusCode.Accepted)
                throw new InvalidOperationException($"rollback: {(int)rollback.StatusCode} {await rollback.Content.ReadAsStringAsync(ct)}");
            var rolledBack = await WaitAsync(http, cutoverId, c => c.GetProperty("status").GetString() is "RolledBack" or "RollbackFailed", ct);
            Log($"ROLLED BACK: {rolledBack.GetProperty("status").GetString()} in {clock.Elapsed.TotalSeconds:F1} s; {rolledBack.GetProperty("detail").GetString()}");
            var nonZeroWallets = await CountAsync(db, "SELECT count(*) FROM ledger.volumes v WHERE v.address LIKE 'wallets:%:main' AND v.input - v.output <> 0", null);
            if (rolledBack.GetProperty("status").GetString() != "RolledBack")
                failures.Add("the rollback did not finish");
            if ((await flags.GetAsync(FeatureFlagNames.LegacyFrozen, ct)).Enabled || (await flags.GetAsync(FeatureFlagNames.CutoverLive, ct)).Enabled)
                failures.Add("a flag is still on after the rollback");
            if (nonZeroWallets != 0)
                failures.Add($"{nonZeroWallets} wallet balances not zero after the rollback");
        }

        foreach (var failure in failures)
            Log("FAILED: " + failure);
        Log(failures.Count == 0 ? "all checks passed" : $"{failures.Count} check(s) failed");
        return failures.Count == 0 ? 0 : 1;
    }

    private static (string Csv, List<(string WalletId, string Currency, long Minor)> Rows) File(int count)
    {
        var random = new Random(18);
        var text = new StringBuilder("wallet_id,owner_id,currency,balance,legacy_ref\n");
        var rows = new List<(string, string, long)>(count);
        for (var i = 0; i < count; i++)
        {
            var (code, scale) = Currencies[i % Currencies.Length];
            var minor = i % 7 == 3 ? 0 : random.NextInt64(1, 5_000_000_000);
            var major = scale == 0 ? minor.ToString(CultureInfo.InvariantCulture)
                : (minor / (decimal)Math.Pow(10, scale)).ToString("F" + scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"lw-{i:D6},owner-{i % 997},{code},{major},LEG-{i}\n");
            rows.Add(($"lw-{i:D6}", code, minor));
        }
        return (text.ToString(), rows);
    }

    /// <summary>Each recorded step and the time since the one before it.</summary>
    private static void Steps(JsonElement cutover)
    {
        DateTimeOffset? last = null;
        foreach (var step in cutover.GetProperty("steps").EnumerateArray())
        {
            var at = step.GetProperty("at").GetDateTimeOffset();
            Log($"  {step.GetProperty("step").GetString(),-24} +{(last is null ? 0 : (at - last.Value).TotalSeconds),6:F2} s  {step.GetProperty("detail").GetString()}");
            last = at;
        }
    }

    private static async Task<JsonElement> WaitAsync(HttpClient http, string cutoverId, Func<JsonElement, bool> done, CancellationToken ct)
    {
        while (true)
        {
            var cutover = await http.GetFromJsonAsync<JsonElement>($"/v1/cutovers/{cutoverId}", ct);
            if (done(cutover))
                return cutover;
            await Task.Delay(100, ct);
        }
    }

    private static async Task<long> CountAsync(NpgsqlDataSource db, string sql, string? parameter)
    {
        await using var command = db.CreateCommand(sql);
        if (parameter is not null)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static string LoadAverage() => System.IO.File.Exists("/proc/loadavg") ? string.Join(' ', System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";

    private static int Int(IReadOnlyList<string> args, string name, int fallback)
    {
        var i = args.ToList().IndexOf(name);
        return i >= 0 && i + 1 < args.Count ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
