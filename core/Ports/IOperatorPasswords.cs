namespace WalletFlow.Core.Ports;

/// <summary>The password hashing scheme for operators (an adapter over a standard one).</summary>
public interface IOperatorPasswords
{
    /// <summary>The stored form of <paramref name="password"/>.</summary>
    string Hash(string password);

    /// <summary>Whether <paramref name="password"/> matches; <paramref name="rehashed"/> is set when the stored hash should be upgraded.</summary>
    bool Verify(string hash, string password, out string? rehashed);
}
