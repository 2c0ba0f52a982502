using System.Security.Cryptography;
using System.Text;

namespace WalletFlow.Core.Identity;

/// <summary>
/// An API key: <c>wf_</c> and 256 random bits in base64url. Only its SHA-256 is stored; the key is
/// shown once, when it is made. A key has the entropy of a cryptographic key, so a plain hash cannot be
/// reversed by guessing, and one hash is one index look-up per request.
/// </summary>
public static class ApiKey
{
    /// <summary>What every key starts with, so a leaked one is recognisable (secret scanners).</summary>
    public const string Prefix = "wf_";

    /// <summary>Length of a key: the prefix and 43 base64url characters.</summary>
    public const int Length = 46;

    /// <summary>A new random key.</summary>
    public static string New() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Whether <paramref name="text"/> has a key's shape (not whether it is anyone's key).</summary>
    public static bool HasShape(string? text) =>
        text is { Length: Length } && text.StartsWith(Prefix, StringComparison.Ordinal)
        && text.AsSpan(Prefix.Length).IndexOfAnyExcept(Base64Url) < 0;

    /// <summary>What is stored of a key: its SHA-256.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.ASCII.GetBytes(key));

    private static readonly System.Buffers.SearchValues<char> Base64Url =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}
