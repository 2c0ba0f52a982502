namespace WalletFlow.Adapters.Postgres;

/// <summary>The PostgreSQL server programs a private cluster is run with.</summary>
public sealed record PostgresBinaries(string Directory)
{
    private static readonly string[] Required = ["initdb", "pg_ctl", "postgres"];

    public string InitDb => Path.Combine(Directory, "initdb");
    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    /// <summary>
    /// Finds the server binaries: the configured directory only when one is set; otherwise PATH, then
    /// /usr/lib/postgresql/*/bin with the newest major version first (Debian's layout, where PATH
    /// holds only the client wrappers).
    /// </summary>
    public static PostgresBinaries Locate(string? configuredDirectory) =>
        Locate(configuredDirectory, Environment.GetEnvironmentVariable("PATH"), "/usr/lib/postgresql");

    /// <summary>As <see cref="Locate(string?)"/>, with the PATH value and the Debian root given.</summary>
    public static PostgresBinaries Locate(string? configuredDirectory, string? pathVariable, string debianRoot)
    {
        var candidates = configuredDirectory is { Length: > 0 }
            ? [configuredDirectory]
            : (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Concat(DebianDirectories(debianRoot)).ToList();

        foreach (var directory in candidates)
        {
            if (Required.All(program => File.Exists(Path.Combine(directory, program))))
                return new PostgresBinaries(Path.GetFullPath(directory));
        }
        throw new PostgresBinariesNotFoundException(configuredDirectory is { Length: > 0 }
            ? $"PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found in {configuredDirectory} (Postgres:BinDirectory). "
              + "Install the Debian package 'postgresql', or set ConnectionStrings__WalletFlow to use an existing PostgreSQL server."
            : "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found on PATH or in /usr/lib/postgresql/*/bin. "
              + "Install the Debian package 'postgresql', or set ConnectionStrings__WalletFlow to use an existing PostgreSQL server.");
    }

    private static IEnumerable<string> DebianDirectories(string root)
    {
        if (!System.IO.Directory.Exists(root))
            return [];
        return System.IO.Directory.GetDirectories(root)
            .Select(dir => (dir, version: int.TryParse(Path.GetFileName(dir), out var v) ? v : -1))
            .Where(x => x.version >= 0)
            .OrderByDescending(x => x.version)
            .Select(x => Path.Combine(x.dir, "bin"));
    }
}
