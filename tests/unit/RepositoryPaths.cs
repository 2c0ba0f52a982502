namespace WalletFlow.Tests.Unit;

/// <summary>Finds files of this repository (and its sibling ../shared) from a test's output folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding WalletFlow.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>../shared beside the repository (the spec, the conformance corpus); null where absent.</summary>
    public static string? Shared
    {
        get
        {
            var shared = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(shared) ? shared : null;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WalletFlow.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"WalletFlow.sln not found above {AppContext.BaseDirectory}");
    }
}
