using System.Text.RegularExpressions;
using WalletFlow.Tests.Unit;

namespace WalletFlow.Tests.Integration.Contracts;

/// <summary>
/// The Formance Ledger v2 contract (<c>../shared/contracts/formance-ledger-v2.openapi.yaml</c>, or
/// the file <c>WALLETFLOW_FORMANCE_CONTRACT</c> names) as the oracle of every ledger API answer the
/// tests receive, and the subset of it walletflow speaks (the endpoint table of
/// <c>../shared/docs/formance-v2.md</c>).
/// </summary>
public static partial class FormanceContract
{
    public const string PathVariable = "WALLETFLOW_FORMANCE_CONTRACT";

    private static readonly Lazy<OpenApiContract> Loaded = new(Load);

    public static OpenApiContract Instance => Loaded.Value;

    /// <summary>A handler that checks every answer of a ledger API rooted at <paramref name="baseAddress"/> (its <c>v2/...</c> paths below it).</summary>
    public static ContractValidatingHandler Handler(Uri baseAddress) => new(Instance, (baseAddress ?? throw new ArgumentNullException(nameof(baseAddress))).AbsolutePath);

    /// <summary><see cref="Handler"/> in front of its own connection, for <c>new HttpClient(handler)</c>.</summary>
    public static ContractValidatingHandler HandlerOver(Uri baseAddress) => ContractValidatingHandler.Over(Instance, (baseAddress ?? throw new ArgumentNullException(nameof(baseAddress))).AbsolutePath);

    private static OpenApiContract Load()
    {
        var path = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } set
            ? set
            : Path.Combine(RepositoryPaths.Shared ?? Path.Combine(RepositoryPaths.Root, "..", "shared"), "contracts", "formance-ledger-v2.openapi.yaml");
        if (!File.Exists(path))
            throw new FileNotFoundException($"The Formance Ledger v2 contract is not at {path}: every ledger API answer is checked against it. "
                + $"Check out ../shared beside the repository, or set {PathVariable} to the file.", path);
        // formance-v2.md's spellings the embedded ledger also serves, answered as the contract's own operations.
        return OpenApiContract.Parse(File.ReadAllText(path), "yaml", "the Formance Ledger v2 contract")
            .Alias("GET", "/_info", "GET", "/_/info")
            .Alias("PUT", "/v2/{ledger}/transactions/{id}/metadata", "POST", "/v2/{ledger}/transactions/{id}/metadata");
    }

    /// <summary>
    /// The operations of formance-v2.md's "Endpoints walletflow needs" table, as <c>(method, path)</c>:
    /// every code span <c>METHOD /path</c> of its rows, <c>.../rest</c> read against the row's previous path.
    /// </summary>
    public static IReadOnlyList<(string Method, string Path)> Subset()
    {
        var doc = Path.Combine(RepositoryPaths.Shared ?? throw new InvalidOperationException("../shared is not beside the repository"), "docs", "formance-v2.md");
        var text = File.ReadAllText(doc);
        var table = text[text.IndexOf("## Endpoints walletflow needs", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", table.IndexOf('|', StringComparison.Ordinal), StringComparison.Ordinal)];
        var operations = new List<(string, string)>();
        foreach (var row in table.Split('\n').Where(l => l.StartsWith('|')))
        {
            string? previous = null;
            foreach (Match span in Operation().Matches(row.Split('|')[1]))
            {
                var path = span.Groups["path"].Value;
                if (path.StartsWith("...", StringComparison.Ordinal) && previous is not null)
                {
                    var rest = path[3..];
                    var first = rest[..(rest.IndexOf('/', 1) is var slash and > 0 ? slash : rest.Length)];
                    path = previous[..previous.LastIndexOf(first, StringComparison.Ordinal)] + rest;
                }
                operations.Add((span.Groups["method"].Value, path));
                previous = path;
            }
        }
        return operations;
    }

    [GeneratedRegex(@"`(?<method>GET|POST|PUT|DELETE|PATCH|HEAD) (?<path>[^`\s]+)`")]
    private static partial Regex Operation();
}
