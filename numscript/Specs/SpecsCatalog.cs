using System.Text.Json;

namespace WalletFlow.Numscript.Specs;

/// <summary>Finds and loads specs files: a <c>*.num.specs.json</c> file, or a folder searched recursively.</summary>
public static class SpecsCatalog
{
    public const string SpecsSuffix = ".num.specs.json";

    /// <summary>Every case under <paramref name="path"/>, in a stable order (by file path, then case order).</summary>
    /// <exception cref="FileNotFoundException">The path is neither a specs file nor a folder.</exception>
    public static IReadOnlyList<SpecCase> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string root;
        IEnumerable<string> files;
        if (Directory.Exists(path))
        {
            root = Path.GetFullPath(path);
            files = Directory.EnumerateFiles(root, "*" + SpecsSuffix, SearchOption.AllDirectories);
        }
        else if (System.IO.File.Exists(path))
        {
            root = Path.GetDirectoryName(Path.GetFullPath(path))!;
            files = [Path.GetFullPath(path)];
        }
        else
        {
            throw new FileNotFoundException($"no specs file or folder at '{path}'", path);
        }
        var cases = new List<SpecCase>();
        foreach (var file in files.Order(StringComparer.Ordinal))
            cases.AddRange(LoadFile(file, Path.GetRelativePath(root, file).Replace('\\', '/')));
        return cases;
    }

    private static List<SpecCase> LoadFile(string specsPath, string displayPath)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(specsPath));
        var file = document.RootElement.Clone();
        var cases = new List<SpecCase>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var testCase in file.GetProperty("testCases").EnumerateArray())
        {
            var it = testCase.TryGetProperty("it", out var name) ? name.GetString() ?? "" : "";
            var specCase = new SpecCase(specsPath, displayPath, index, it, file, testCase);
            specCase.Name = seen.Add(it) ? $"{displayPath} :: {it}" : $"{displayPath} :: {it} #{index}";
            cases.Add(specCase);
            index++;
        }
        return cases;
    }
}
