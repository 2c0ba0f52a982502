using System.Security.Cryptography;
using System.Text;

namespace WalletFlow.Adapters.Payments;

/// <summary>
/// The callback signature: <c>sha256=</c> + lower-case hex of HMAC-SHA256(secret, raw body). Computed
/// over the bytes as received, because any re-serialisation (key order, spacing) would change them.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header value for <paramref name="body"/>.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return ProviderProtocol.SignaturePrefix + Convert.ToHexStringLower(Mac(secret, body));
    }

    /// <summary>
    /// True when <paramref name="signature"/> is the signature of <paramref name="body"/>. The digests
    /// are compared in constant time so a forger cannot learn a correct prefix from response timing.
    /// </summary>
    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? signature)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (signature is null || !signature.StartsWith(ProviderProtocol.SignaturePrefix, StringComparison.Ordinal))
            return false;
        var hex = signature.AsSpan(ProviderProtocol.SignaturePrefix.Length).Trim();
        if (hex.Length != HMACSHA256.HashSizeInBytes * 2)
            return false;
        Span<byte> claimed = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(hex, claimed, out _, out var written) != System.Buffers.OperationStatus.Done || written != claimed.Length)
            return false;
        return CryptographicOperations.FixedTimeEquals(claimed, Mac(secret, body));
    }

    private static byte[] Mac(string secret, ReadOnlySpan<byte> body) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
}
