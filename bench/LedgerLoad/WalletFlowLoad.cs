using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Npgsql;
using WalletFlow.Adapters.Ledger;

namespace WalletFlow.Bench.LedgerLoad;

/// <summary>
/// walletflow's side of the load: a ledger of wallets funded from world, then closed-loop clients
/// each sending one 2-leg transfer (one posting: wallet:a → wallet:b, bounded source, never forced)
/// through <see cref="EmbeddedLedger.CreateTransactionAsync"/>, the engine's own API.
/// </summary>
internal sealed class WalletFlowLoad(EmbeddedLedger ledger, NpgsqlDataSource dataSource, bool idempotencyKeys)
{
    public const string Asset = "USD/2";
    public static readonly BigInteger TransferAmount = 100; // 1.00 USD, as pgledger's xfer scripts
    public static readonly BigInteger Funding = 100_000_000; // 1,000,000.00 USD per wallet

    private long _keySeq;

    public EmbeddedLedger Engine => ledger;

    /// <summary>Closes the idle connections an earlier phase left in the data source's pool.</summary>
    public void ClearPool() => dataSource.Clear();

    public static string Wallet(int i) => $"wallet:{i.ToString("D3", CultureInfo.InvariantCulture)}";

    /// <summary>Creates the ledger and funds every wallet in one transaction; returns transactions written (1).</summary>
    public async Task<long> CreateFundedLedgerAsync(string name, int wallets, CancellationToken ct)
    {
        var created = await ledger.CreateLedgerAsync(name, null, ct);
        if (!created.Succeeded)
            throw new InvalidOperationException($"create ledger {name}: {created.Error}");
        var funding = Enumerable.Range(1, wallets).Select(i => new Posting(LedgerSyntax.World, Wallet(i), Funding, Asset)).ToList();
        var result = await ledger.CreateTransactionAsync(name, new CreateTransaction(funding), null, ct);
        if (!result.Succeeded)
            throw new InvalidOperationException($"fund {name}: {result.Error}");
        return 1;
    }

    /// <summary>One transfer between two distinct random wallets; the result as the engine gives it.</summary>
    public Task<LedgerResult<LedgerTransaction>> TransferAsync(string name, int wallets, CancellationToken ct)
    {
        var a = Random.Shared.Next(1, wallets + 1);
        var b = Random.Shared.Next(1, wallets);
        if (b >= a)
            b++;
        var key = idempotencyKeys ? $"bench-{Environment.ProcessId}-{Interlocked.Increment(ref _keySeq)}" : null;
        return ledger.CreateTransactionAsync(name, new CreateTransaction([new Posting(Wallet(a), Wallet(b), TransferAmount, Asset)]), key, ct);
    }

    public sealed record LoadResult(long Committed, long Refused, long Errors, double Seconds, long TotalCommitted, string? FirstError)
    {
        public double Tps => Committed / Seconds;
    }

    /// <summary>
    /// Closed loop: <paramref name="clients"/> tasks send transfers back to back. The first
    /// <paramref name="warmup"/> is not measured; then committed transfers are counted over
    /// <paramref name="duration"/>. Every commit (warm-up included) is counted for the checks.
    /// </summary>
    public async Task<LoadResult> RunAsync(string name, int wallets, int clients, TimeSpan warmup, TimeSpan duration, CancellationToken ct)
    {
        long committed = 0, refused = 0, errors = 0;
        string? firstError = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        async Task Client()
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var result = await TransferAsync(name, wallets, CancellationToken.None);
                    if (result.Succeeded)
                        Interlocked.Increment(ref committed);
                    else
                    {
                        Interlocked.Increment(ref refused);
                        Interlocked.CompareExchange(ref firstError, result.Error.ToString(), null);
                    }
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                }
            }
        }

        var tasks = Enumerable.Range(0, clients).Select(_ => Task.Run(Client, CancellationToken.None)).ToList();
        await Task.Delay(warmup, ct);
        var (c0, r0, e0) = (Interlocked.Read(ref committed), Interlocked.Read(ref refused), Interlocked.Read(ref errors));
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration, ct);
        var (c1, r1, e1) = (Interlocked.Read(ref committed), Interlocked.Read(ref refused), Interlocked.Read(ref errors));
        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(tasks);
        return new LoadResult(c1 - c0, r1 - r0, e1 - e0, seconds, Interlocked.Read(ref committed), firstError);
    }

    /// <summary>
    /// The checks after a phase, on one ledger: each asset sums to zero over all accounts, no wallet
    /// is negative, volumes equal the sums of the moves, and the ledger holds exactly
    /// <paramref name="expectedTransactions"/> transactions. Returns a one-line verdict; throws on failure.
    /// </summary>
    public async Task<string> VerifyAsync(string name, long expectedTransactions, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var problems = new List<string>();
        await using (var sums = new NpgsqlCommand("SELECT asset, sum(input - output) FROM ledger.volumes WHERE ledger = $1 GROUP BY asset", connection))
        {
            sums.Parameters.AddWithValue(name);
            await using var reader = await sums.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var sum = reader.GetFieldValue<BigInteger>(1);
                if (!sum.IsZero)
                    problems.Add($"asset {reader.GetString(0)} sums to {sum}");
            }
        }
        var negative = await ScalarAsync<long>(connection,
            "SELECT count(*) FROM ledger.volumes WHERE ledger = $1 AND address <> 'world' AND input < output", name, ct);
        if (negative != 0)
            problems.Add($"{negative} negative wallets");
        var drift = await ScalarAsync<long>(connection, """
            SELECT count(*) FROM (SELECT * FROM ledger.volumes WHERE ledger = $1) v FULL JOIN (
                SELECT address, asset, sum(amount) FILTER (WHERE NOT is_source) AS input, sum(amount) FILTER (WHERE is_source) AS output
                FROM ledger.moves WHERE ledger = $1 GROUP BY address, asset) m
              ON v.address = m.address AND v.asset = m.asset
            WHERE v.input IS DISTINCT FROM coalesce(m.input, 0) OR v.output IS DISTINCT FROM coalesce(m.output, 0)
            """, name, ct);
        if (drift != 0)
            problems.Add($"{drift} volumes rows differ from their moves");
        var transactions = await ScalarAsync<long>(connection, "SELECT count(*) FROM ledger.transactions WHERE ledger = $1", name, ct);
        if (transactions != expectedTransactions)
            problems.Add($"{transactions} transactions in the ledger, {expectedTransactions} counted as committed");
        if (problems.Count > 0)
            throw new InvalidOperationException($"ledger {name} failed its checks: {string.Join("; ", problems)}");
        return $"OK ({transactions} transactions = counted commits; sums zero; no negative wallet; volumes = moves)";
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, string name, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(name);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}
