using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WalletFlow.Adapters.Payments;

/// <summary>
/// The callback signature: <c>t={unix seconds},sha256={lower-case hex HMAC-SHA256(secret, "{t}." + raw body)}</c>.
/// The time is signed with the body, so a recorded callback cannot be replayed outside the receiver's
/// window by changing <c>t</c>. Computed over the bytes as received, because any re-serialisation
/// (key order, spacing) would change them.
/// </summary>
public static class WebhookSignature
{
    private const string TimePrefix = "t=";

    /// <summary>The header value for <paramref name="body"/>, signed at <paramref name="signedAt"/>.</summary>
    public static string Sign(string secret, DateTimeOffset signedAt, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var seconds = signedAt.ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture, $"{TimePrefix}{seconds},{ProviderProtocol.SignaturePrefix}{Convert.ToHexStringLower(Mac(secret, seconds, body))}");
    }

    /// <summary>
    /// Null when <paramref name="signature"/> signs <paramref name="body"/> at a time within
    /// <paramref name="tolerance"/> of <paramref name="now"/>; otherwise why not, for the rejection. The
    /// digests are compared in constant time so a forger cannot learn a correct prefix from response timing.
    /// </summary>
    public static string? Check(string secret, ReadOnlySpan<byte> body, string? signature, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (!TryParse(signature, out var seconds, out var hex))
            return $"the signature is not of the form {TimePrefix}{{unix seconds}},{ProviderProtocol.SignaturePrefix}{{hex}}";
        if (hex.Length != HMACSHA256.HashSizeInBytes * 2)
            return "the signature does not match the body";
        Span<byte> claimed = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(hex, claimed, out _, out var written) != System.Buffers.OperationStatus.Done || written != claimed.Length)
            return "the signature does not match the body";
        if (!CryptographicOperations.FixedTimeEquals(claimed, Mac(secret, seconds, body)))
            return "the signature does not match the body";
        // Checked after the MAC, so only a genuine callback learns that it is late.
        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() <= tolerance)
            return null;
        var when = age > TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalSeconds:0} s ago")
            : string.Create(CultureInfo.InvariantCulture, $"{age.Negate().TotalSeconds:0} s ahead of this clock");
        return string.Create(CultureInfo.InvariantCulture, $"the callback was signed {when}, outside the {tolerance.TotalSeconds:0} s window (a replay, or a clock far off)");
    }

    private static bool TryParse(string? signature, out long seconds, out ReadOnlySpan<char> hex)
    {
        seconds = 0;
        hex = default;
        if (signature is null || !signature.StartsWith(TimePrefix, StringComparison.Ordinal))
            return false;
        var comma = signature.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || !long.TryParse(signature.AsSpan(TimePrefix.Length, comma - TimePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return false;
        var rest = signature.AsSpan(comma + 1).Trim();
        if (!rest.StartsWith(ProviderProtocol.SignaturePrefix, StringComparison.Ordinal))
            return false;
        hex = rest[ProviderProtocol.SignaturePrefix.Length..];
        return true;
    }

    private static byte[] Mac(string secret, long seconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(seconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
