using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Postgres;
using WalletFlow.Core.Identity;

namespace WalletFlow.Host.Identity;

/// <summary>
/// First run stays two commands: on its first start with no API client in the database, <c>serve</c>
/// makes an <c>admin</c> client and writes its key to <c>admin.key</c> beside the data (mode 0600),
/// logging the path once. The key is written (to a temporary file) before the client is stored and
/// moved into place after, so a key is never stored that no file holds.
/// </summary>
public sealed partial class AdminKeyFile(AddApiClient clients, IOptions<IdentityOptions> identity, IOptions<PostgresOptions> postgres, ILogger<AdminKeyFile> logger)
{
    public string Path => identity.Value.AdminKeyPath is { Length: > 0 } configured
        ? System.IO.Path.GetFullPath(configured, Environment.CurrentDirectory)
        : System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(postgres.Value.DataDirectory, Environment.CurrentDirectory).TrimEnd('/'))!,
            "admin.key");

    /// <summary>Makes the first admin key when the database has no client; returns it, or null.</summary>
    public async Task<NewApiClient?> EnsureAsync(CancellationToken ct)
    {
        var path = Path;
        var temporary = $"{path}.{Guid.NewGuid():N}.new"; // two first starts at once must not share one
        var made = await clients.AddFirstAdminAsync(async (made, token) =>
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            File.Delete(temporary);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using var file = new FileStream(temporary, options);
            await using var writer = new StreamWriter(file);
            await writer.WriteLineAsync(made.Key.AsMemory(), token);
        }, ct);
        if (made is null)
        {
            File.Delete(temporary);
            return null;
        }
        File.Move(temporary, path, overwrite: true);
        LogWritten(logger, path);
        return made;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "First start: made the API client 'admin' (scope admin); its key is in {Path} (mode 0600). Send it as 'Authorization: Bearer <key>'; make narrower clients with 'walletflow clients add'.")]
    private static partial void LogWritten(ILogger logger, string path);
}
