using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Ledger;

/// <summary>
/// Group commit for posting writes. Concurrent callers' requests queue here; a writer sends
/// everything queued as one call to ledger.write_transactions (adapters/Postgres/Functions) and its COMMIT, in one
/// round trip: the requests share a transaction and its WAL flush, and the client wakes once per group
/// instead of once per request. Up to <see cref="MaxWriters"/> groups are in flight at once, each on
/// its own connection (a group locks all its rows first, in the one lock order, so groups and single
/// writes cannot deadlock); a request that finds a writer free goes at once, alone. Every request still gets its own answer — written,
/// refused for funds, conflicting, replayed — exactly as if it had been sent alone (a refused request
/// writes nothing, the others go on), and nobody is told "written" before the group's COMMIT returned.
/// A request PostgreSQL itself refuses (a volume overflowing numeric(78,0), say) aborts its group's
/// transaction; the group is then resent in halves until that request is alone: it fails alone, with
/// its own error, and the others are written as if it had never been sent.
/// </summary>
public sealed partial class EmbeddedLedger
{
    // A request that needs the single write (a reference, a new account) runs in a subtransaction;
    // PostgreSQL caches 64 subtransaction ids per backend, beyond which every other backend's
    // snapshot checks get slower. 48 stays under it even if every request of a group needs one.
    private const int MaxGroup = 48;

    // Groups in flight at once. Since a group writes its rows set-based, one backend keeps up and one
    // writer measured best: two or three only added lock waits between groups, which share most rows
    // (bench/README.md, "Writers in flight"). The code allows more: groups lock in one order.
    private const int MaxWriters = 1;

    private readonly Lock _queueGate = new();
    private readonly Queue<QueuedWrite> _queue = new();
    private int _writers;

    private sealed record QueuedWrite(
        string Ledger, IReadOnlyList<Posting> Postings, string? Reference, IReadOnlyDictionary<string, string> Metadata,
        bool CheckFunds, DateTimeOffset Timestamp, DateTimeOffset InsertedAt, string LogData, string? Key, byte[]? Hash)
    {
        public TaskCompletionSource<GroupAnswer> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record GroupAnswer(string Status, long? TxId, string? Pre, string? Post, string? Message);

    /// <summary>
    /// The write of plain postings (not a dry run): queued for the next group. A caller that finds a
    /// writer free becomes one and writes at once (a lone request waits for nobody); callers arriving
    /// while every writer is busy queue and go together in the next round trip.
    /// </summary>
    private async Task<LedgerResult<LedgerTransaction>> WritePostingsAsync(
        string ledger, CreateTransaction request, string? idempotencyKey, byte[]? requestHash, CancellationToken ct)
    {
        var insertedAt = LogChain.ToMicroseconds(time.GetUtcNow());
        var at = LogChain.ToMicroseconds(request.Timestamp ?? insertedAt);
        var metadata = request.Metadata ?? Empty;
        var transaction = new LedgerTransaction(IdPlaceholder, at, insertedAt, request.Postings!, request.Reference, metadata, Reverted: false, RevertedAt: null);
        var logData = JsonSerializer.Serialize(new { transaction, accountMetadata = NoAccountMetadata }, LedgerJson.Options);
        var write = new QueuedWrite(ledger, request.Postings!, request.Reference, metadata, CheckFunds: !request.Force, at, insertedAt,
            logData, idempotencyKey, requestHash);

        bool lead;
        lock (_queueGate)
        {
            _queue.Enqueue(write);
            lead = _writers < MaxWriters;
            if (lead)
                _writers++;
        }
        if (lead)
            await WriteQueuedAsync(handOver: true);
        // Once sent, a write completes whatever the caller's token says; the caller just stops waiting
        // (as with any request cancelled in flight; an idempotency key makes the retry a replay).
        var answer = await write.Answer.Task.WaitAsync(ct);
        return answer.Status switch
        {
            "OK" => LedgerResult<LedgerTransaction>.Ok(transaction with
            {
                Id = answer.TxId!.Value,
                PreCommitVolumes = VolumesByAccount(answer.Pre!),
                PostCommitVolumes = VolumesByAccount(answer.Post!),
            }),
            "REPLAY" => await ReplayAsync(ledger, answer.TxId!.Value, ct),
            "LEDGER_NOT_FOUND" => LedgerError.LedgerNotFound(ledger),
            "IDEMPOTENCY_CONFLICT" => LedgerError.Conflict($"idempotency key '{idempotencyKey}' was already used with a different request"),
            "REFERENCE_CONFLICT" => LedgerError.Conflict($"a transaction with reference '{request.Reference}' already exists"),
            "INSUFFICIENT_FUND" => PostingsShortfall(answer.Message!),
            _ => throw new InvalidOperationException($"ledger.write_transactions answered an unknown status '{answer.Status}'"),
        };
    }

    private async Task<LedgerResult<LedgerTransaction>> ReplayAsync(string ledger, long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReplayAsync(connection, ledger, id, ct);
    }

    /// <summary>
    /// Writes queued groups until the queue is empty. A caller that became a writer writes one group
    /// (with its own request, unless another writer took it first) and hands the rest to a pool
    /// thread, so it is not kept serving others.
    /// </summary>
    private async Task WriteQueuedAsync(bool handOver)
    {
        while (true)
        {
            QueuedWrite[] group;
            lock (_queueGate)
            {
                if (_queue.Count == 0)
                {
                    _writers--;
                    return;
                }
                group = new QueuedWrite[Math.Min(_queue.Count, MaxGroup)];
                for (var i = 0; i < group.Length; i++)
                    group[i] = _queue.Dequeue();
            }
            await WriteGroupAsync(group);
            if (handOver)
            {
                lock (_queueGate)
                {
                    if (_queue.Count == 0)
                    {
                        _writers--;
                        return;
                    }
                }
                _ = Task.Run(() => WriteQueuedAsync(handOver: false));
                return;
            }
        }
    }

    /// <summary>
    /// Sends one group; every request gets its answer, or its own failure. Never throws. A group
    /// PostgreSQL refused because of one request's data is split in halves and each half sent again,
    /// in order, until the request at fault is alone: a poison request fails alone, every other one is
    /// answered as if it had been sent alone.
    /// </summary>
    private async Task WriteGroupAsync(QueuedWrite[] group)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var answers = await SendGroupAsync(group);
                for (var i = 0; i < group.Length; i++)
                    group[i].Answer.TrySetResult(answers[i]);
                return;
            }
            // A group locks its existing rows in the one lock order, but rows it creates for new
            // accounts, and a script that finds accounts through meta(), lock later: a deadlock is
            // rare, not impossible. The whole group rolled back: sending it again is safe.
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
            }
            // The group's transaction aborted, so nothing of it was written and every part may be
            // resent. The halves go one after the other, in queue order, so a later request still
            // sees the earlier ones' writes (a replayed key, a balance spent) as it would have.
            catch (PostgresException e) when (group.Length > 1 && RefusesOneRequest(e))
            {
                var half = group.Length / 2;
                await WriteGroupAsync(group[..half]);
                await WriteGroupAsync(group[half..]);
                return;
            }
#pragma warning disable CA1031 // the failure belongs to every caller of the group, not to this loop
            catch (Exception e)
#pragma warning restore CA1031
            {
                foreach (var write in group)
                    write.Answer.TrySetException(e);
                return;
            }
        }
    }

    /// <summary>
    /// Errors PostgreSQL raises for what one request carries rather than for the group or the
    /// server: data exceptions (class 22: a numeric(78,0) volume overflowing, text it cannot store),
    /// a CHECK constraint (23514), a value too large for an index (54000). Splitting on anything
    /// else would only repeat the failure for every member.
    /// </summary>
    private static bool RefusesOneRequest(PostgresException e) =>
        e.SqlState.StartsWith("22", StringComparison.Ordinal)
        || e.SqlState is PostgresErrorCodes.CheckViolation or PostgresErrorCodes.ProgramLimitExceeded;

    /// <summary>
    /// A shortfall as ledger.apply_postings words it (the group's INSUFFICIENT_FUND answer and the
    /// single write's WF001 carry the same text): read here, once, into the structured value the
    /// port hands on. The text stays the message, which the ledger's HTTP API answers.
    /// </summary>
    private static LedgerError PostingsShortfall(string message) =>
        SqlShortfall().Match(message) is { Success: true } m
            ? LedgerError.InsufficientFund(message, new InsufficientFunds(m.Groups["account"].Value, m.Groups["asset"].Value,
                BigInteger.Parse(m.Groups["needed"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture),
                BigInteger.Parse(m.Groups["available"].ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)))
            // Still a refusal for funds, whatever the wording: the port then reads what it can of it.
            : new LedgerError(LedgerErrorCodes.InsufficientFund, message);

    [GeneratedRegex(@"^account '(?<account>[^']+)' has insufficient funds of (?<asset>\S+): needed (?<needed>[0-9]+), available (?<available>-?[0-9]+)\z")]
    private static partial Regex SqlShortfall();

    private async Task<GroupAnswer[]> SendGroupAsync(QueuedWrite[] group)
    {
        var postingCount = group.Sum(w => w.Postings.Count);
        var request = new int[postingCount];
        var sources = new string[postingCount];
        var destinations = new string[postingCount];
        var assets = new string[postingCount];
        var amounts = new BigInteger[postingCount];
        var n = 0;
        for (var i = 0; i < group.Length; i++)
        {
            foreach (var posting in group[i].Postings)
            {
                request[n] = i + 1;
                (sources[n], destinations[n], assets[n], amounts[n]) = (posting.Source, posting.Destination, posting.Asset, posting.Amount);
                n++;
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await using var tx = await connection.BeginTransactionAsync(CancellationToken.None);
        await using var batch = new NpgsqlBatch(connection);
        Add(batch, "SELECT out_status, out_tx_id, out_pre, out_post, out_message FROM ledger.write_transactions($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
            group.Select(w => w.Ledger).ToArray(), group.Select(w => w.CheckFunds).ToArray(),
            group.Select(w => w.Timestamp).ToArray(), group.Select(w => w.InsertedAt).ToArray(),
            new NpgsqlParameter { Value = group.Select(w => w.Reference).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            new NpgsqlParameter
            {
                Value = group.Select(w => JsonSerializer.Serialize(w.Metadata, LedgerJson.Options)).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
            },
            group.Select(w => w.LogData).ToArray(), IdPlaceholderJson,
            new NpgsqlParameter { Value = group.Select(w => w.Key).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            new NpgsqlParameter { Value = group.Select(w => w.Hash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
            request, sources, destinations, assets, amounts);
        // As for a single write: the COMMIT rides in the same round trip, and only once the reader has
        // seen it succeed does anyone hear "written".
        Add(batch, "COMMIT");
        var answers = new GroupAnswer[group.Length];
        await using (var reader = await batch.ExecuteReaderAsync(CancellationToken.None))
        {
            var i = 0;
            while (await reader.ReadAsync(CancellationToken.None))
            {
                answers[i++] = new GroupAnswer(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4));
            }
            while (await reader.NextResultAsync(CancellationToken.None))
            {
                // drain: the COMMIT's failure throws here
            }
            if (i != group.Length)
                throw new InvalidOperationException($"ledger.write_transactions answered {i} of {group.Length} requests");
        }
        return answers;
    }
}
