using Npgsql;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Templates;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Adapters.Stores;

/// <summary>
/// What a movement's plan reads, in the transaction that writes it. One instance may serve several
/// movements of one group (<see cref="Member"/> names the one planning now): wallets and reserve
/// policies, which no movement changes, are read once per transaction (a wallet with its owner's policy); a lock another member of the
/// same transaction took first is refused with <see cref="LockedByAnotherMemberException"/>, because
/// locks do not separate members of one transaction — that member must run in a later one.
/// </summary>
public sealed class PostgresCommandState(NpgsqlConnection connection, NpgsqlTransaction transaction) : ICommandState
{
    private readonly Dictionary<string, Wallet?> _wallets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReservePolicy?> _policies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lockOwners = new(StringComparer.Ordinal);

    /// <summary>The member of the transaction that is planning (0 when it serves one command).</summary>
    public int Member { get; set; }

    public async Task<Wallet?> FindWalletAsync(string walletId, CancellationToken cancellationToken)
    {
        if (_wallets.TryGetValue(walletId, out var known))
            return known;
        // The owner's reserve policy comes along: a pay-in reads it right after the wallet, and one
        // round trip fewer is one less wait in every group.
        await using var select = Command("""
            SELECT w.wallet_id, w.owner_id, w.currency, w.status, w.created_at, p.rate_bps, p.hold_days
            FROM walletflow.wallets w LEFT JOIN walletflow.reserve_policies p ON p.owner_id = w.owner_id
            WHERE w.wallet_id = $1
            """, walletId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return _wallets[walletId] = null;
        var wallet = PostgresWalletStore.ReadWallet(reader);
        _policies.TryAdd(wallet.OwnerId, reader.IsDBNull(5) ? null : new ReservePolicy(wallet.OwnerId, reader.GetInt32(5), reader.GetInt32(6)));
        return _wallets[walletId] = wallet;
    }

    public async Task<string?> LockOpeningBalanceAsync(string walletId, CancellationToken cancellationToken)
    {
        Own("opening:" + walletId);
        await using (var lockWallet = Command("SELECT 1 FROM walletflow.wallets WHERE wallet_id = $1 FOR UPDATE", walletId))
            await lockWallet.ExecuteNonQueryAsync(cancellationToken);
        // Served by the unique partial index of migration 0010, which also makes a second one impossible.
        await using var select = Command("""
            SELECT command_id FROM walletflow.commands WHERE template = $2 AND request->>'walletId' = $1
            """, walletId, TemplateNames.MigrationOpeningBalance);
        return await select.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<Hold?> LockHoldAsync(string holdId, CancellationToken cancellationToken)
    {
        Own("hold:" + holdId);
        // The advisory lock comes first so two commands naming a hold that does not exist yet (two
        // placements with one hold id) also queue: the second then sees the first's row.
        await using (var wait = Command("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", "hold:" + holdId))
            await wait.ExecuteNonQueryAsync(cancellationToken);
        await using var select = Command("""
            SELECT hold_id, wallet_id, kind, currency, amount, fee, status FROM walletflow.holds WHERE hold_id = $1 FOR UPDATE
            """, holdId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        var currency = Currency.Find(reader.GetString(3)).Value;
        return new Hold(reader.GetString(0), reader.GetString(1), HoldColumns.ParseKind(reader.GetString(2)),
            new Money(currency, reader.GetInt64(4)), new Money(currency, reader.GetInt64(5)), reader.GetString(6) == HoldColumns.Open);
    }

    public async Task<ReservePolicy?> FindReservePolicyAsync(string ownerId, CancellationToken cancellationToken)
    {
        if (_policies.TryGetValue(ownerId, out var known))
            return known;
        await using var select = Command("SELECT owner_id, rate_bps, hold_days FROM walletflow.reserve_policies WHERE owner_id = $1", ownerId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return _policies[ownerId] = await reader.ReadAsync(cancellationToken)
            ? new ReservePolicy(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2))
            : null;
    }

    public async Task<IReadOnlyList<ReserveTranche>> LockMaturedTranchesAsync(string walletId, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        Own("tranches:" + walletId);
        await using var select = Command("""
            SELECT tranche_id, wallet_id, currency, amount, matures_at FROM walletflow.reserve_tranches
            WHERE wallet_id = $1 AND released_by IS NULL AND matures_at <= $2
            ORDER BY matures_at, tranche_id
            FOR UPDATE
            """, walletId, asOf);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var tranches = new List<ReserveTranche>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tranches.Add(new ReserveTranche(reader.GetString(0), reader.GetString(1),
                new Money(Currency.Find(reader.GetString(2)).Value, reader.GetInt64(3)), reader.GetFieldValue<DateTimeOffset>(4)));
        }
        return tranches;
    }

    public async Task<ReserveTranche?> LockReserveTrancheAsync(string trancheId, CancellationToken cancellationToken)
    {
        await using var select = Command("""
            SELECT tranche_id, wallet_id, currency, amount, matures_at, released_by FROM walletflow.reserve_tranches
            WHERE tranche_id = $1
            FOR UPDATE
            """, trancheId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        var tranche = new ReserveTranche(reader.GetString(0), reader.GetString(1),
            new Money(Currency.Find(reader.GetString(2)).Value, reader.GetInt64(3)), reader.GetFieldValue<DateTimeOffset>(4))
        {
            ReleasedBy = reader.IsDBNull(5) ? null : reader.GetString(5),
        };
        // The same name as a release of the wallet's tranches: a member of this transaction that
        // locked them first must commit before this one plans (its row lock does not stop us).
        Own("tranches:" + tranche.WalletId);
        return tranche;
    }

    private void Own(string name)
    {
        if (_lockOwners.TryGetValue(name, out var owner) && owner != Member)
            throw new LockedByAnotherMemberException(name);
        _lockOwners[name] = Member;
    }

    private NpgsqlCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return command;
    }
}
