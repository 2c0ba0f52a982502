using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Identity;

/// <summary>
/// Checks an operator's password, with lock-out: after <see cref="LockAfterFailures"/> failures in a
/// row the account refuses every sign-in, right password or not, for <see cref="LockOutFor"/>. The
/// answer to a wrong name and a wrong password is the same, so names cannot be probed.
/// </summary>
public sealed class SignInOperator(IOperatorStore operators, IOperatorPasswords passwords, TimeProvider clock)
{
    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    public const int LockAfterFailures = 5;
    /// <summary>How long a locked account refuses every sign-in.</summary>
    public static readonly TimeSpan LockOutFor = TimeSpan.FromMinutes(15);

    /// <summary>The one answer to every refused sign-in.</summary>
    public const string Refused = "The name or password is wrong, or the account is locked after repeated failures.";

    /// <summary>The account when the password matches and it is not locked; otherwise the one refusal.</summary>
    public async Task<Result<OperatorAccount>> RunAsync(string? name, string? password, CancellationToken cancellationToken)
    {
        if (!IdentityNames.IsValid(name) || string.IsNullOrEmpty(password) || password.Length > AddOperator.MaxPasswordLength)
            return Result.Failure<OperatorAccount>(new SignInRefused());
        var account = await operators.FindAsync(name!, cancellationToken);
        if (account is null)
        {
            // The same work as a real check, so the answer's timing does not tell which names exist.
            passwords.Verify(_dummyHash.Value, password, out _);
            return Result.Failure<OperatorAccount>(new SignInRefused());
        }
        var now = clock.GetUtcNow();
        if (account.LockedUntil > now)
            return Result.Failure<OperatorAccount>(new SignInRefused());
        if (!passwords.Verify(account.PasswordHash, password, out var rehashed))
        {
            await operators.RecordFailureAsync(account.Name, LockAfterFailures, now + LockOutFor, cancellationToken);
            return Result.Failure<OperatorAccount>(new SignInRefused());
        }
        await operators.RecordSuccessAsync(account.Name, rehashed, cancellationToken);
        return Result.Success(account with { FailedAttempts = 0, LockedUntil = null });
    }

    // A real hash to check unknown names against, made once, when first needed.
    private readonly Lazy<string> _dummyHash = new(() => passwords.Hash("walletflow-no-such-operator"));
}

/// <summary>A sign-in that did not succeed; deliberately says no more than that.</summary>
public sealed record SignInRefused() : Rejection(RejectionCodes.Unauthenticated, SignInOperator.Refused);
