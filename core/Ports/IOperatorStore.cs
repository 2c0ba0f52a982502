using WalletFlow.Core.Identity;

namespace WalletFlow.Core.Ports;

/// <summary>OperatorAccount accounts (identity.operators).</summary>
public interface IOperatorStore
{
    /// <summary>Adds an operator; false when the name is taken.</summary>
    Task<bool> AddAsync(OperatorAccount account, CancellationToken cancellationToken);

    /// <summary>The account named <paramref name="name"/>, or null.</summary>
    Task<OperatorAccount?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every account, by name.</summary>
    Task<IReadOnlyList<OperatorAccount>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Counts one failed sign-in, atomically, and locks the account until <paramref name="lockUntil"/>
    /// when the count reaches <paramref name="lockAfter"/>; returns the account as it is now.
    /// </summary>
    Task<OperatorAccount?> RecordFailureAsync(string name, int lockAfter, DateTimeOffset lockUntil, CancellationToken cancellationToken);

    /// <summary>Clears the failure count and lock after a successful sign-in (and stores a re-hashed password when given).</summary>
    Task RecordSuccessAsync(string name, string? rehashedPassword, CancellationToken cancellationToken);
}
