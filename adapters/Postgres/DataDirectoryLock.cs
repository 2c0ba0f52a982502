using System.Globalization;

namespace WalletFlow.Adapters.Postgres;

/// <summary>
/// The exclusive claim of one process on a private cluster's data directory, for that process's
/// lifetime: an OS file lock (flock, taken by .NET for <see cref="FileShare.None"/>) on
/// <c>&lt;data directory&gt;.lock</c> beside the directory. The kernel drops it when the process ends,
/// however it ends (kill -9 included), so a lock is never left stale. The holder writes who it is to
/// <c>&lt;data directory&gt;.owner</c> (a locked file cannot be read by another .NET process), which a
/// refused process reads to name the running one.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _held;

    private DataDirectoryLock(FileStream held) => _held = held;

    /// <summary>Takes the lock, or returns null while another process holds it.</summary>
    public static DataDirectoryLock? TryTake(string dataDirectory)
    {
        var lockPath = dataDirectory + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        FileStream held;
        try
        {
            held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(lockPath))
        {
            return null; // EWOULDBLOCK: another process holds it
        }
        var command = string.Join(' ', Environment.GetCommandLineArgs().Select(Path.GetFileName));
        File.WriteAllText(OwnerPath(dataDirectory), string.Create(CultureInfo.InvariantCulture,
            $"process {Environment.ProcessId} ({command}), started {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC\n"));
        return new DataDirectoryLock(held);
    }

    /// <summary>Who holds the lock, as its holder wrote it ("process 1234 (walletflow serve), started …").</summary>
    public static string DescribeOwner(string dataDirectory)
    {
        try
        {
            return File.ReadAllText(OwnerPath(dataDirectory)).Trim();
        }
        catch (IOException)
        {
            return "another process";
        }
    }

    private static string OwnerPath(string dataDirectory) => dataDirectory + ".owner";

    public void Dispose() => _held.Dispose();
}
