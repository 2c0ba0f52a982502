using Microsoft.AspNetCore.Identity;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Identity;

/// <summary>ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with HMAC-SHA512, salted, versioned hashes).</summary>
public sealed class OperatorPasswords : IOperatorPasswords
{
    private static readonly OperatorAccount Nobody = new("nobody", OperatorRole.Viewer, "", 0, null, DateTimeOffset.UnixEpoch);
    private readonly PasswordHasher<OperatorAccount> _hasher = new();

    public string Hash(string password) => _hasher.HashPassword(Nobody, password);

    public bool Verify(string hash, string password, out string? rehashed)
    {
        rehashed = null;
        PasswordVerificationResult result;
        try
        {
            result = _hasher.VerifyHashedPassword(Nobody, hash, password);
        }
        catch (FormatException)
        {
            return false; // a damaged stored hash matches nothing
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            rehashed = Hash(password);
        return result != PasswordVerificationResult.Failed;
    }
}
