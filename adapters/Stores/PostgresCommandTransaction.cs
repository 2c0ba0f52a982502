using Npgsql;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Adapters.Stores;

/// <summary>
/// One command's transaction (READ COMMITTED) where the ledger is remote: the claim
/// (<see cref="PostgresIdempotencyClaims"/>), the plan's reads (<see cref="PostgresCommandState"/>)
/// and the command's rows (<see cref="CommandRecordWrites"/>), committed in the batch that writes them.
/// </summary>
public sealed class PostgresCommandTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, TimeProvider time) : ICommandTransaction
{
    private readonly PostgresCommandState _state = new(connection, transaction);
    private (string Key, byte[] Hash)? _claimed;

    public async Task<ClaimResult> ClaimAsync(IdempotencyKey key, string operation, byte[] requestHash, CancellationToken cancellationToken)
    {
        var claim = (await PostgresIdempotencyClaims.ClaimAsync(connection, transaction, [(key.Value, operation, requestHash)], cancellationToken))[0];
        if (claim is ClaimResult.Claimed)
            _claimed = (key.Value, requestHash);
        return claim;
    }

    public Task<Wallet?> FindWalletAsync(string walletId, CancellationToken cancellationToken) => _state.FindWalletAsync(walletId, cancellationToken);

    public Task<Hold?> LockHoldAsync(string holdId, CancellationToken cancellationToken) => _state.LockHoldAsync(holdId, cancellationToken);

    public Task<ReservePolicy?> FindReservePolicyAsync(string ownerId, CancellationToken cancellationToken) =>
        _state.FindReservePolicyAsync(ownerId, cancellationToken);

    public Task<IReadOnlyList<ReserveTranche>> LockMaturedTranchesAsync(string walletId, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        _state.LockMaturedTranchesAsync(walletId, asOf, cancellationToken);

    public Task<ReserveTranche?> LockReserveTrancheAsync(string trancheId, CancellationToken cancellationToken) =>
        _state.LockReserveTrancheAsync(trancheId, cancellationToken);

    public Task<string?> LockOpeningBalanceAsync(string walletId, CancellationToken cancellationToken) =>
        _state.LockOpeningBalanceAsync(walletId, cancellationToken);

    public async Task CommitAsync(CommandRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_claimed is not { } claimed)
            throw new InvalidOperationException("CommitAsync without a successful ClaimAsync.");
        await using var batch = new NpgsqlBatch(connection, transaction);
        CommandRecordWrites.AddTo(batch, [(claimed.Key, claimed.Hash, record)], time.GetUtcNow());
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
