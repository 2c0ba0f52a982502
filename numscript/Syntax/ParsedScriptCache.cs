namespace WalletFlow.Numscript;

/// <summary>
/// Parsed scripts keyed by their exact text, so the ledger parses each template once. Thread-safe.
/// Bounded by entries and by the bytes of script text it holds, least recently used first out: the
/// ledger API lets anyone send scripts, and a count alone let 1,024 large ones pin their text and
/// trees in memory, while clearing everything at the limit made the templates parse again.
/// </summary>
public sealed class ParsedScriptCache
{
    /// <summary>The default entry bound.</summary>
    public const int DefaultCapacity = 1024;

    /// <summary>
    /// The default byte bound, 8 MiB of script text: every template many times over, and at least
    /// 64 scripts of the largest size the parser accepts.
    /// </summary>
    public const long DefaultMaxBytes = 8L * 1024 * 1024;

    private readonly int _capacity;
    private readonly long _maxBytes;
    private readonly Dictionary<string, LinkedListNode<ParsedScript>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<ParsedScript> _recency = new();
    private readonly Lock _lock = new();
    private long _bytes;

    public ParsedScriptCache(int capacity = DefaultCapacity, long maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        _capacity = capacity;
        _maxBytes = maxBytes;
    }

    public int Count
    {
        get
        {
            lock (_lock)
                return _entries.Count;
        }
    }

    /// <summary>The bytes of script text held (two per UTF-16 character, as in memory).</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
                return _bytes;
        }
    }

    /// <summary>The script parsed, from the cache when it holds the same text.</summary>
    public ParsedScript GetOrParse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        lock (_lock)
        {
            if (_entries.TryGetValue(source, out var hit))
            {
                _recency.Remove(hit);
                _recency.AddFirst(hit);
                return hit.Value;
            }
        }
        // Parsed outside the lock: two threads may parse the same new text once each, which is
        // harmless (the result is immutable), where parsing under the lock would serialise them all.
        var parsed = ParsedScript.Parse(source);
        var size = SizeOf(source);
        // A script larger than the whole budget, or than the parser accepts (more characters than the
        // limit has bytes; its one diagnostic is cheap to find again), is answered but not kept.
        if (size > _maxBytes || source.Length > NumscriptLimits.MaxScriptBytes)
            return parsed;
        lock (_lock)
        {
            if (_entries.TryGetValue(source, out var raced))
                return raced.Value;
            while (_entries.Count >= _capacity || _bytes + size > _maxBytes)
                Evict(_recency.Last!);
            _entries[source] = _recency.AddFirst(parsed);
            _bytes += size;
        }
        return parsed;
    }

    private void Evict(LinkedListNode<ParsedScript> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Source);
        _bytes -= SizeOf(node.Value.Source);
    }

    private static long SizeOf(string source) => sizeof(char) * (long)source.Length;
}
