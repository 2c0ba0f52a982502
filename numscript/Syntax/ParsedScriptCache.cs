using System.Collections.Concurrent;

namespace WalletFlow.Numscript;

/// <summary>
/// Parsed scripts keyed by their exact text, so the ledger parses each template once. Thread-safe;
/// bounded so a stream of ad-hoc scripts cannot grow it without limit (it is then cleared).
/// </summary>
public sealed class ParsedScriptCache(int capacity = 1024)
{
    private readonly ConcurrentDictionary<string, ParsedScript> _scripts = new(StringComparer.Ordinal);

    public int Count => _scripts.Count;

    public ParsedScript GetOrParse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (_scripts.TryGetValue(source, out var cached))
            return cached;
        if (_scripts.Count >= capacity)
            _scripts.Clear();
        return _scripts.GetOrAdd(source, ParsedScript.Parse);
    }
}
