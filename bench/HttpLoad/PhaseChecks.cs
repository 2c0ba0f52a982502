using System.Text.Json;
using Npgsql;
using WalletFlow.Adapters.Ledger;

namespace WalletFlow.Bench.HttpLoad;

/// <summary>
/// The checks after every HTTP phase, with the host idle: the books foot, the statements read model
/// equals the ledger, the four reconciliation gates pass (POST /v1/gates/run), one outbox event per
/// movement, exactly one command per 201 (and none for a request refused with an error), no 5xx.
/// </summary>
internal sealed class PhaseChecks(NpgsqlDataSource db, HttpClient api)
{
    /// <summary>walletflow.commands and walletflow.outbox row counts, taken before a phase.</summary>
    public async Task<(long Commands, long Outbox)> CountAsync(CancellationToken ct)
    {
        await using var command = db.CreateCommand("SELECT (SELECT count(*) FROM walletflow.commands), (SELECT count(*) FROM walletflow.outbox)");
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public async Task<IReadOnlyList<CheckResult>> RunAsync(MovementMix mix, string keyPrefix, RequestTally tally, (long Commands, long Outbox) before, CancellationToken ct) =>
    [
        await BooksFootAsync(ct),
        await StatementsMatchLedgerAsync(ct),
        await GatesAsync(ct),
        await OutboxPerMovementAsync(keyPrefix, before, ct),
        await CommandsPerCreatedAsync(mix, keyPrefix, tally, ct),
        new("no 5xx", tally.ServerErrors == 0, $"{tally.ServerErrors} answers 5xx; {tally.Describe()}"),
    ];

    private async Task<CheckResult> BooksFootAsync(CancellationToken ct)
    {
        var off = new List<string>();
        var assets = 0;
        await using var command = db.CreateCommand("SELECT ledger, asset, sum(input - output)::text FROM ledger.volumes GROUP BY ledger, asset ORDER BY 1, 2");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            assets++;
            if (reader.GetString(2) != "0")
                off.Add($"{reader.GetString(0)}/{reader.GetString(1)} sums to {reader.GetString(2)}");
        }
        return new("books foot", off.Count == 0 && assets > 0,
            off.Count == 0 ? $"sum(input - output) over ledger.volumes is 0 for each of {assets} (ledger, asset)" : string.Join("; ", off));
    }

    private async Task<CheckResult> StatementsMatchLedgerAsync(CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT count(*) FILTER (WHERE coalesce(v.balance, 0) <> coalesce(s.balance, 0)), count(*),
                   min(coalesce(v.address, s.account)) FILTER (WHERE coalesce(v.balance, 0) <> coalesce(s.balance, 0))
            FROM (SELECT address, asset, input - output AS balance FROM ledger.volumes WHERE ledger = $1 AND address LIKE 'wallets:%') v
            FULL JOIN walletflow.statement_balances s ON s.account = v.address AND s.asset = v.asset
            """);
        command.Parameters.AddWithValue(LedgerOptions.DefaultName);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (differ, accounts) = (reader.GetInt64(0), reader.GetInt64(1));
        return new("statements = ledger", differ == 0,
            differ == 0
                ? $"walletflow.statement_balances equals ledger.volumes on all {accounts} wallet accounts"
                : $"{differ} of {accounts} wallet accounts differ (first: {reader.GetString(2)})");
    }

    private async Task<CheckResult> GatesAsync(CancellationToken ct)
    {
        using var response = await api.PostAsync("/v1/gates/run", content: null, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            return new("gates", false, $"POST /v1/gates/run answered {(int)response.StatusCode}: {body}");
        using var run = JsonDocument.Parse(body);
        var gates = run.RootElement.GetProperty("gates").EnumerateArray()
            .Select(g => (Gate: g.GetProperty("gate").GetString(), Passed: g.GetProperty("passed").GetBoolean(),
                Details: g.GetProperty("details").EnumerateArray().Select(d => d.ToString()).Take(3).ToList()))
            .ToList();
        var passed = run.RootElement.GetProperty("passed").GetBoolean();
        return new("gates", passed, string.Join("; ", gates.Select(g =>
            $"{g.Gate} {(g.Passed ? "passed" : "FAILED: " + string.Join(" | ", g.Details))}")));
    }

    private async Task<CheckResult> OutboxPerMovementAsync(string keyPrefix, (long Commands, long Outbox) before, CancellationToken ct)
    {
        var after = await CountAsync(ct);
        // dedup_id is "{command_id}:{event type}" (core/Movements/MovementSteps).
        await using var command = db.CreateCommand("""
            WITH phase AS (SELECT command_id FROM walletflow.commands WHERE idempotency_key LIKE $1),
                 events AS (SELECT split_part(dedup_id, ':', 1) AS command_id, count(*) AS n FROM walletflow.outbox GROUP BY 1)
            SELECT count(*), count(*) FILTER (WHERE coalesce(events.n, 0) <> 1)
            FROM phase LEFT JOIN events USING (command_id)
            """);
        command.Parameters.AddWithValue(keyPrefix + "%");
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (phaseCommands, notOne) = (reader.GetInt64(0), reader.GetInt64(1));
        var (commands, events) = (after.Commands - before.Commands, after.Outbox - before.Outbox);
        return new("one outbox event per movement", commands == events && notOne == 0,
            $"{commands} new commands, {events} new outbox rows; {notOne} of the phase's {phaseCommands} commands without exactly one event");
    }

    private async Task<CheckResult> CommandsPerCreatedAsync(MovementMix mix, string keyPrefix, RequestTally tally, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            WITH phase AS (SELECT idempotency_key, operation FROM walletflow.commands WHERE idempotency_key LIKE $1),
                 refused AS (SELECT * FROM unnest($2::text[], $3::bool[]) AS r(idempotency_key, answered))
            SELECT (SELECT count(*) FROM phase),
                   (SELECT count(*) FROM phase WHERE operation <> $4),
                   (SELECT count(*) FROM phase JOIN refused USING (idempotency_key) WHERE refused.answered),
                   (SELECT count(*) FROM phase JOIN refused USING (idempotency_key) WHERE NOT refused.answered)
            """);
        var keys = tally.AnsweredFailures.Concat(tally.Unanswered).ToArray();
        var answered = tally.AnsweredFailures.Select(_ => true).Concat(tally.Unanswered.Select(_ => false)).ToArray();
        command.Parameters.AddWithValue(keyPrefix + "%");
        command.Parameters.AddWithValue(keys);
        command.Parameters.AddWithValue(answered);
        command.Parameters.AddWithValue(mix.Operation);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (all, otherOperation, refusedButDone, unansweredButDone) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        // Every key is unique, so the commands of the 201s are the phase's commands minus those of failed requests.
        var ofCreated = all - refusedButDone - unansweredButDone;
        return new("commands = 201s", ofCreated == tally.Created && refusedButDone == 0 && otherOperation == 0,
            $"{all} '{mix.Operation}' commands under this phase's keys for {tally.Created} answers 201"
            + $" ({refusedButDone} for requests answered with an error, {unansweredButDone} of {tally.Unanswered.Count} unanswered ones done anyway, {otherOperation} of another operation)");
    }
}
