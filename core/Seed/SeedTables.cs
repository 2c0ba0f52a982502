namespace WalletFlow.Core.Seed;

/// <summary>
/// The seed/ tables as embedded in this assembly (linked from ../seed in the project file), so core
/// reads them without touching a file system. seed/ remains the single place they are edited.
/// </summary>
public static class SeedTables
{
    /// <summary>seed/currencies.csv.</summary>
    public static string Currencies => Load("currencies.csv");

    /// <summary>seed/coa.csv.</summary>
    public static string ChartOfAccounts => Load("coa.csv");

    /// <summary>seed/event-gl.csv.</summary>
    public static string EventGl => Load("event-gl.csv");

    private static string Load(string name)
    {
        var resource = $"WalletFlow.Seed.{name}";
        using var stream = typeof(SeedTables).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded seed table {resource} is missing from {typeof(SeedTables).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
