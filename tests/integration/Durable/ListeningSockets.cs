using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WalletFlow.Tests.Integration.Durable;

/// <summary>What the kernel says is listening, read from /proc/net/tcp and tcp6 (Linux).</summary>
internal static class ListeningSockets
{
    private const string Listen = "0A";

    /// <summary>The local addresses of every TCP socket listening on <paramref name="port"/>.</summary>
    public static IReadOnlyList<string> On(int port) =>
        [.. Read("/proc/net/tcp", port), .. Read("/proc/net/tcp6", port)];

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static IEnumerable<string> Read(string table, int port)
    {
        if (!File.Exists(table))
            yield break;
        // "  0: 0100007F:1F90 00000000:0000 0A ...": local address:port in hex, then remote, then state.
        foreach (var line in File.ReadLines(table).Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var local = fields[1].Split(':');
            if (fields[3] != Listen || int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) != port)
                continue;
            yield return Decode(local[0]).ToString();
        }
    }

    // The kernel prints each 32-bit word of the address in host (little-endian) byte order.
    private static IPAddress Decode(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        for (var word = 0; word < bytes.Length; word += 4)
            Array.Reverse(bytes, word, 4);
        return new IPAddress(bytes);
    }
}
