namespace WalletFlow.Core.Identity;

/// <summary>A person who runs the money through the /ops console.</summary>
/// <param name="Name">Unique; the actor recorded for what they do (<c>operator:NAME</c>).</param>
/// <param name="Role">What they may do (<see cref="OperatorRoles"/>).</param>
/// <param name="PasswordHash">The password as the hashing scheme stores it; never the password.</param>
/// <param name="FailedAttempts">Failed sign-ins since the last success.</param>
/// <param name="LockedUntil">Set after too many failed sign-ins; no sign-in succeeds before it.</param>
/// <param name="CreatedAt">When the account was added.</param>
public sealed record OperatorAccount(
    string Name,
    OperatorRole Role,
    string PasswordHash,
    int FailedAttempts,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt);
