using System.Text.Json;
using Npgsql;
using WalletFlow.Adapters.Payments.Sandbox;

namespace WalletFlow.Chaos;

/// <summary>
/// The checks at quiescence. Books foot, holds match and statements match are walletflow's own
/// reconciliation gates (POST /v1/gates/run on the running child), not re-implemented here; the rest
/// compare what the client was told and what the rail paid with the database.
/// </summary>
public static class ChaosInvariants
{
    private const int ExamplesKept = 5;
    private static readonly string[] Terminal = ["Settled", "Released", "Rejected"];

    public const string BooksFoot = "every asset foots to zero (gate books-foot)";
    public const string HoldsMatch = "open holds equal the holds accounts (gate holds-match)";
    public const string StatementsMatch = "statements equal the ledger (gate statements-match)";
    public const string CoaCoverage = "every account in the chart of accounts (gate coa-coverage)";
    public const string MovedOnce = "no payout settled or released more than once";
    public const string RailAgrees = "no payout settled unless the rail paid, none released while the rail paid or may pay";
    public const string RailRequestsRight = "every submit the rail received names its payout as Idempotency-Key, with the payout's amount and beneficiary";
    public const string StatusMatchesMoney = "each payout's status matches its ledger movement";
    public const string Quiescent = "every payout terminal, or in manual review with its saga waiting";
    public const string ReceiptsKept = "every 201/202 the client received is in the commands/payouts tables and the ledger";
    public const string OutboxUnique = "outbox deduplication ids unique";

    /// <summary>Payouts that are neither terminal nor in manual review with a running saga.</summary>
    public static async Task<List<string>> UnsettledAsync(NpgsqlDataSource db, IReadOnlyCollection<string> payoutIds, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT p.payout_id || ' ' || p.status || ' saga ' || coalesce(i.status, 'missing')
            FROM walletflow.payouts p LEFT JOIN durable.instances i ON i.instance_id = p.payout_id
            WHERE p.payout_id = ANY($1)
              AND NOT (p.status = ANY($2) OR (p.status = 'ManualReview' AND i.status = 'Running'))
            ORDER BY p.payout_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = payoutIds.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = Terminal });
        var open = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            open.Add(reader.GetString(0));
        return open;
    }

    /// <summary>Polls until every started payout is quiescent or <paramref name="timeout"/> passes; returns those still open.</summary>
    public static async Task<List<string>> WaitForQuiescenceAsync(NpgsqlDataSource db, IReadOnlyCollection<string> payoutIds, TimeSpan timeout,
        Action<string> log, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        var lastLog = DateTime.MinValue;
        while (true)
        {
            List<string> open;
            try
            {
                open = await UnsettledAsync(db, payoutIds, ct);
            }
            catch (NpgsqlException)
            {
                await Task.Delay(1000, ct);
                continue;
            }
            if (open.Count == 0 || DateTime.UtcNow > deadline)
                return open;
            if (DateTime.UtcNow - lastLog > TimeSpan.FromSeconds(10))
            {
                log($"waiting for {open.Count} payouts, e.g. {string.Join("; ", open.Take(3))}");
                lastLog = DateTime.UtcNow;
            }
            await Task.Delay(1000, ct);
        }
    }

    /// <summary>Runs every check; the gates through <paramref name="client"/> (the running child).</summary>
    public static async Task<IReadOnlyList<ChaosInvariant>> CheckAsync(NpgsqlDataSource db, ChaosClient client, SandboxRail rail,
        IReadOnlyCollection<ClientReceipt> receipts, IReadOnlyCollection<string> payoutIds, CancellationToken ct)
    {
        var results = new List<ChaosInvariant>();
        results.AddRange(await GatesAsync(client, ct));
        results.AddRange(await PayoutMoneyAsync(db, rail, payoutIds, ct));
        var open = await UnsettledAsync(db, payoutIds, ct);
        results.Add(new ChaosInvariant(Quiescent, payoutIds.Count, open.Count, [.. open.Take(ExamplesKept)]));
        results.Add(await ReceiptsAsync(db, receipts, ct));
        results.Add(await OutboxAsync(db, ct));
        return results;
    }

    private static async Task<IEnumerable<ChaosInvariant>> GatesAsync(ChaosClient client, CancellationToken ct)
    {
        var answer = await client.SendAsync(HttpMethod.Post, "/v1/gates/run", null, null, ct);
        if (!answer.IsSuccess)
            throw new InvalidOperationException($"POST /v1/gates/run answered {answer.Status}: {answer.Body}");
        using var run = JsonDocument.Parse(answer.Body);
        var names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["books-foot"] = BooksFoot, ["holds-match"] = HoldsMatch, ["statements-match"] = StatementsMatch, ["coa-coverage"] = CoaCoverage,
        };
        var found = new List<ChaosInvariant>();
        foreach (var gate in run.RootElement.GetProperty("gates").EnumerateArray())
        {
            var name = gate.GetProperty("gate").GetString()!;
            var details = gate.GetProperty("details").EnumerateArray().Select(d => d.GetString() ?? "").ToList();
            var passed = gate.GetProperty("passed").GetBoolean();
            // A failed gate with no detail line still counts as one violation.
            var violations = passed ? details.Count : Math.Max(1, details.Count);
            found.Add(new ChaosInvariant(names.GetValueOrDefault(name, "gate " + name), 1, violations, [.. details.Take(ExamplesKept)]));
        }
        if (found.Count == 0)
            throw new InvalidOperationException($"POST /v1/gates/run ran no gate: {answer.Body}");
        return found;
    }

    private static async Task<IEnumerable<ChaosInvariant>> PayoutMoneyAsync(NpgsqlDataSource db, SandboxRail rail,
        IReadOnlyCollection<string> payoutIds, CancellationToken ct)
    {
        var known = payoutIds.ToHashSet(StringComparer.Ordinal);
        var settles = new Dictionary<string, int>(StringComparer.Ordinal);
        var releases = new Dictionary<string, int>(StringComparer.Ordinal);
        // The payout's ledger transactions carry references of the templates payout-settle and
        // payout-release naming the payout id as one ':'-separated segment.
        await using (var command = db.CreateCommand(
            "SELECT reference FROM ledger.transactions WHERE reference LIKE 'payout-settle:%' OR reference LIKE 'payout-release:%'"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var reference = reader.GetString(0);
                var payoutId = reference.Split(':').FirstOrDefault(known.Contains);
                if (payoutId is null)
                    continue;
                var counts = reference.StartsWith("payout-settle:", StringComparison.Ordinal) ? settles : releases;
                counts[payoutId] = counts.GetValueOrDefault(payoutId) + 1;
            }
        }
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = db.CreateCommand("SELECT payout_id, status FROM walletflow.payouts WHERE payout_id = ANY($1)"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = payoutIds.ToArray() });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                statuses[reader.GetString(0)] = reader.GetString(1);
        }

        var wanted = new Dictionary<string, (long Amount, string Currency, string Account)>(StringComparer.Ordinal);
        await using (var command = db.CreateCommand(
            "SELECT payout_id, amount, currency, coalesce(beneficiary->>'AccountNumber', beneficiary->>'accountNumber', '') FROM walletflow.payouts WHERE payout_id = ANY($1)"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = payoutIds.ToArray() });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                wanted[reader.GetString(0)] = (reader.GetInt64(1), reader.GetString(2), reader.GetString(3));
        }
        var submits = rail.Requests.Where(r => r.IsSubmit && r.PayoutId is not null && known.Contains(r.PayoutId)).ToList();
        var wrongSubmits = submits
            .Where(r => r.IdempotencyKey != r.PayoutId
                || !wanted.TryGetValue(r.PayoutId!, out var w)
                || r.Amount is not { } amount || amount.MinorUnits != w.Amount || amount.Currency.Code != w.Currency
                || r.Beneficiary?.AccountNumber != w.Account)
            .Select(r => $"{r.PayoutId}: key {r.IdempotencyKey}, {r.Amount}, account {r.Beneficiary?.AccountNumber}")
            .ToList();

        List<string> twice = [], railDisagrees = [], statusDisagrees = [];
        foreach (var payoutId in payoutIds)
        {
            var settled = settles.GetValueOrDefault(payoutId);
            var released = releases.GetValueOrDefault(payoutId);
            var status = statuses.GetValueOrDefault(payoutId, "(no row)");
            var paid = rail.Find(payoutId);
            var railStatus = paid is null ? "never submitted" : paid.Status ?? "ambiguous";
            var facts = $"{payoutId}: {status}, {settled} settle and {released} release transactions, rail {railStatus}";
            if (settled + released > 1)
                twice.Add(facts);
            if (settled > 0 && paid?.Status != "accepted")
                railDisagrees.Add(facts);
            if (released > 0 && paid is not null && paid.Status != "rejected")
                railDisagrees.Add(facts);
            var expected = status switch
            {
                "Settled" => (1, 0),
                "Released" => (0, 1),
                _ => (0, 0),
            };
            if ((Math.Min(settled, 1), Math.Min(released, 1)) != expected)
                statusDisagrees.Add(facts);
        }
        return
        [
            new ChaosInvariant(MovedOnce, payoutIds.Count, twice.Count, [.. twice.Take(ExamplesKept)]),
            new ChaosInvariant(RailAgrees, payoutIds.Count, railDisagrees.Count, [.. railDisagrees.Take(ExamplesKept)]),
            new ChaosInvariant(RailRequestsRight, submits.Count, wrongSubmits.Count, [.. wrongSubmits.Take(ExamplesKept)]),
            new ChaosInvariant(StatusMatchesMoney, payoutIds.Count, statusDisagrees.Count, [.. statusDisagrees.Take(ExamplesKept)]),
        ];
    }

    private static async Task<ChaosInvariant> ReceiptsAsync(NpgsqlDataSource db, IReadOnlyCollection<ClientReceipt> receipts, CancellationToken ct)
    {
        var movements = new Dictionary<string, (string CommandId, long TransactionId)>(StringComparer.Ordinal);
        await using (var command = db.CreateCommand("""
            SELECT c.idempotency_key, c.command_id, c.ledger_tx_id FROM walletflow.commands c
            WHERE c.idempotency_key = ANY($1) AND EXISTS (SELECT 1 FROM ledger.transactions t WHERE t.id = c.ledger_tx_id)
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = receipts.Where(r => r.CommandId is not null).Select(r => r.Key).ToArray() });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                movements[reader.GetString(0)] = (reader.GetString(1), reader.GetInt64(2));
        }
        var payouts = await ExistingAsync(db, """
            SELECT c.idempotency_key FROM walletflow.idempotency_claims c
            WHERE c.idempotency_key = ANY($1) AND EXISTS (SELECT 1 FROM walletflow.payouts p WHERE p.payout_id = c.result->>'payoutId')
            """, receipts.Where(r => r.Kind == "payout").Select(r => r.Key), ct);
        var wallets = await ExistingAsync(db, "SELECT wallet_id FROM walletflow.wallets WHERE wallet_id = ANY($1)",
            receipts.Where(r => r.Kind == "wallet").Select(r => r.Key), ct);

        var missing = new List<string>();
        foreach (var receipt in receipts)
        {
            var kept = receipt.Kind switch
            {
                "payout" => payouts.Contains(receipt.Key),
                "wallet" => wallets.Contains(receipt.Key),
                _ => movements.TryGetValue(receipt.Key, out var stored) && stored == (receipt.CommandId!, receipt.TransactionId!.Value),
            };
            if (!kept)
                missing.Add($"{receipt.Kind} {receipt.Key} answered {receipt.Status} (command {receipt.CommandId}, transaction {receipt.TransactionId})");
        }
        return new ChaosInvariant(ReceiptsKept, receipts.Count, missing.Count, [.. missing.Take(ExamplesKept)]);
    }

    private static async Task<HashSet<string>> ExistingAsync(NpgsqlDataSource db, string sql, IEnumerable<string> keys, CancellationToken ct)
    {
        await using var command = db.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = keys.ToArray() });
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            found.Add(reader.GetString(0));
        return found;
    }

    private static async Task<ChaosInvariant> OutboxAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT count(*), count(*) - count(DISTINCT dedup_id),
                   coalesce(string_agg(DISTINCT d.dedup_id, ', '), '')
            FROM walletflow.outbox o
            LEFT JOIN (SELECT dedup_id FROM walletflow.outbox GROUP BY dedup_id HAVING count(*) > 1 LIMIT 5) d USING (dedup_id)
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var total = reader.GetInt64(0);
        var duplicates = reader.GetInt64(1);
        var examples = reader.GetString(2);
        return new ChaosInvariant(OutboxUnique, (int)total, (int)duplicates, examples.Length == 0 ? [] : [examples]);
    }
}
