namespace WalletFlow.Core.Movements;

/// <summary>What claiming an idempotency key found.</summary>
public abstract record ClaimResult
{
    private ClaimResult()
    {
    }

    /// <summary>The key is ours: go on; the claim becomes permanent when the command's transaction commits.</summary>
    public sealed record Claimed : ClaimResult;

    /// <summary>The same request already completed: return its stored receipt.</summary>
    /// <param name="Receipt">The stored result.</param>
    public sealed record Replayed(MovementReceipt Receipt) : ClaimResult;

    /// <summary>The key belongs to a different request.</summary>
    /// <param name="ClaimedBy">The operation that claimed it.</param>
    public sealed record Conflicted(string ClaimedBy) : ClaimResult;

    /// <summary>A request with this key is running right now.</summary>
    public sealed record InProgress : ClaimResult;
}
