using WalletFlow.Core.Identity;

namespace WalletFlow.Core.Ports;

/// <summary>The audit trail of who did (or tried) what.</summary>
public interface IAuditLog
{
    /// <summary>Records <paramref name="entry"/>; it may be written shortly after, together with others.</summary>
    void Record(AuditEntry entry);

    /// <summary>The newest entries first (for tests and the console).</summary>
    Task<IReadOnlyList<AuditEntry>> RecentAsync(int limit, CancellationToken cancellationToken);
}
