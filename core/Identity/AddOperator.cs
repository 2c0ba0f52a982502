using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Identity;

/// <summary>Adds an operator account (<c>walletflow operators add NAME --role … --password-stdin</c>).</summary>
public sealed class AddOperator(IOperatorStore operators, IOperatorPasswords passwords, TimeProvider clock)
{
    /// <summary>Shortest password accepted (NIST SP 800-63B's floor for a chosen secret is 8; operators move money).</summary>
    public const int MinPasswordLength = 12;

    /// <summary>Longest password accepted (hashing cost stays bounded).</summary>
    public const int MaxPasswordLength = 256;

    /// <summary>Adds the account with its password hashed.</summary>
    public async Task<Result<OperatorAccount>> RunAsync(string? name, string? role, string? password, CancellationToken cancellationToken)
    {
        if (!IdentityNames.IsValid(name))
            return Result.Failure<OperatorAccount>(InvalidRequest.For("name", $"An operator name is {IdentityNames.Rule}."));
        if (!OperatorRoles.TryParse(role, out var parsedRole))
            return Result.Failure<OperatorAccount>(InvalidRequest.For("role", "The role is one of viewer, operator, approver, admin."));
        if (password is null || password.Length < MinPasswordLength || password.Length > MaxPasswordLength)
            return Result.Failure<OperatorAccount>(InvalidRequest.For("password", $"A password is {MinPasswordLength}–{MaxPasswordLength} characters."));
        if (StorableText.Problem(password) is { } problem)
            return Result.Failure<OperatorAccount>(InvalidRequest.For("password", $"A password {problem}."));

        var account = new OperatorAccount(name!, parsedRole, passwords.Hash(password), 0, null, clock.GetUtcNow());
        return await operators.AddAsync(account, cancellationToken)
            ? Result.Success(account)
            : Result.Failure<OperatorAccount>(new StateConflict($"An operator is already named '{name}'.") { Field = "name" });
    }
}
