using WalletFlow.Adapters.Postgres;

namespace WalletFlow.Tests.Integration.Postgres;

/// <summary>Discovery order of the server binaries, on throw-away directory trees.</summary>
public sealed class PostgresBinariesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("walletflow-bins-").FullName;

    private string FakeBin(params string[] parts)
    {
        var dir = Path.Combine([_root, .. parts]);
        Directory.CreateDirectory(dir);
        foreach (var program in new[] { "initdb", "pg_ctl", "postgres" })
            File.WriteAllText(Path.Combine(dir, program), "");
        return dir;
    }

    [Fact]
    public void PATH_wins_over_the_Debian_layout()
    {
        var onPath = FakeBin("path-bin");
        FakeBin("debian", "16", "bin");

        var found = PostgresBinaries.Locate(null, $"/nonexistent:{onPath}", Path.Combine(_root, "debian"));

        Assert.Equal(onPath, found.Directory);
    }

    [Fact]
    public void The_newest_Debian_major_version_wins_numerically()
    {
        FakeBin("debian", "9", "bin");
        var newest = FakeBin("debian", "16", "bin");
        FakeBin("debian", "15", "bin");
        Directory.CreateDirectory(Path.Combine(_root, "debian", "17", "bin")); // incomplete: no programs

        var found = PostgresBinaries.Locate(null, "/nonexistent", Path.Combine(_root, "debian"));

        Assert.Equal(newest, found.Directory);
    }

    [Fact]
    public void A_configured_directory_is_the_only_place_looked_at()
    {
        var empty = Path.Combine(_root, "empty");
        Directory.CreateDirectory(empty);
        var onPath = FakeBin("path-bin");

        var error = Assert.Throws<PostgresBinariesNotFoundException>(() => PostgresBinaries.Locate(empty, onPath, "/usr/lib/postgresql"));

        Assert.Contains(empty, error.Message, StringComparison.Ordinal);
        Assert.Contains("Postgres:BinDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_anywhere_names_the_package_and_the_connection_string_setting()
    {
        var error = Assert.Throws<PostgresBinariesNotFoundException>(
            () => PostgresBinaries.Locate(null, "/nonexistent", Path.Combine(_root, "no-debian")));

        Assert.Contains("Debian package 'postgresql'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__WalletFlow", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
