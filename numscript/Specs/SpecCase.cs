using System.Text.Json;

namespace WalletFlow.Numscript.Specs;

/// <summary>
/// One test case of an upstream <c>X.num.specs.json</c> file, with the file-level defaults
/// (balances, variables, metadata, featureFlags) it inherits. <see cref="Name"/> is unique in a run.
/// </summary>
public sealed class SpecCase
{
    internal SpecCase(string specsPath, string displayPath, int index, string it, JsonElement file, JsonElement testCase)
    {
        SpecsPath = specsPath;
        DisplayPath = displayPath;
        Index = index;
        It = it;
        File = file;
        TestCase = testCase;
    }

    /// <summary>Full path of the specs file.</summary>
    public string SpecsPath { get; }

    /// <summary>The specs file relative to the folder searched (forward slashes).</summary>
    public string DisplayPath { get; }

    public int Index { get; }

    public string It { get; }

    /// <summary>"file :: it", with the case index appended when a file repeats an <c>it</c>.</summary>
    public string Name { get; internal set; } = "";

    /// <summary>The script the specs test: the sibling file without <c>.specs.json</c>.</summary>
    public string ScriptPath => SpecsPath[..^".specs.json".Length];

    public IReadOnlyList<string> FeatureFlags =>
        File.TryGetProperty("featureFlags", out var flags) ? [.. flags.EnumerateArray().Select(f => f.GetString() ?? "")] : [];

    internal JsonElement File { get; }

    internal JsonElement TestCase { get; }

    public bool IsSkipped => TestCase.TryGetProperty("skip", out var skip) && skip.ValueKind == JsonValueKind.True;

    public override string ToString() => Name;
}
