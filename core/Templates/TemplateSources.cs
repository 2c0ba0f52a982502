namespace WalletFlow.Core.Templates;

/// <summary>
/// walletflow's 18 transaction templates as data (design.md §4), edited in templates/ and embedded in
/// this assembly (linked in the project file, as seed/ is): one Numscript file per
/// <see cref="TemplateNames"/> constant, and templates/signatures.csv, each template's vars with their
/// types and the account kinds they accept. The interpreter (numscript/) knows nothing of them; the
/// template catalog in adapters/ parses and checks them.
/// </summary>
public static class TemplateSources
{
    /// <summary>A template file's extension.</summary>
    public const string Extension = ".num";

    private const string Prefix = "WalletFlow.Templates.";

    /// <summary>The template files, name (<c>pay-in</c>) → Numscript text.</summary>
    public static IReadOnlyDictionary<string, string> Scripts { get; } =
        typeof(TemplateSources).Assembly.GetManifestResourceNames()
            .Where(r => r.StartsWith(Prefix, StringComparison.Ordinal) && r.EndsWith(Extension, StringComparison.Ordinal))
            .ToDictionary(r => r[Prefix.Length..^Extension.Length], Load, StringComparer.Ordinal);

    /// <summary>templates/signatures.csv.</summary>
    public static string Signatures { get; } = Load(Prefix + "signatures.csv");

    private static string Load(string resource)
    {
        using var stream = typeof(TemplateSources).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded template file {resource} is missing from {typeof(TemplateSources).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
