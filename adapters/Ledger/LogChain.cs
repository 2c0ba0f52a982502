using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WalletFlow.Adapters.Ledger;

/// <summary>
/// The log's hash chain: each entry's hash is SHA-256 over the previous entry's hash, then the entry's
/// id, type, date and data. Changing, removing or reordering any entry breaks every later hash.
/// </summary>
public static class LogChain
{
    public static byte[] Hash(byte[]? previous, long id, string type, DateTimeOffset date, string data)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (previous is not null)
            sha.AppendData(previous);
        Span<byte> idBytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(idBytes, id);
        sha.AppendData(idBytes);
        sha.AppendData(Encoding.UTF8.GetBytes(type));
        sha.AppendData([0]);
        sha.AppendData(Encoding.UTF8.GetBytes(date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)));
        sha.AppendData([0]);
        sha.AppendData(Encoding.UTF8.GetBytes(data));
        return sha.GetHashAndReset();
    }

    /// <summary>PostgreSQL keeps microseconds; times are cut to that before they are hashed or stored.</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % 10, TimeSpan.Zero);
}
