using WalletFlow.Core.Accounts;

namespace WalletFlow.Core.Coa;

/// <summary>
/// A chart-of-accounts address pattern: <c>:</c>-separated segments, each either a literal address
/// segment (<c>wallets</c>) or a placeholder <c>{name}</c> standing for exactly one segment
/// (<c>wallets:{walletId}:holds:{holdId}</c>). Two patterns overlap when some address matches both.
/// </summary>
public readonly record struct AddressPattern
{
    private readonly string[] _segments;
    private readonly (int Index, string Name)[] _placeholders;

    private AddressPattern(string text, string[] segments)
    {
        Text = text;
        _segments = segments;
        _placeholders = [.. segments.Select((segment, index) => (index, segment)).Where(p => IsPlaceholder(p.segment)).Select(p => (p.index, p.segment[1..^1]))];
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>Reads a pattern, or returns why its syntax is wrong.</summary>
    public static bool TryParse(string text, out AddressPattern pattern, out string? problem)
    {
        pattern = default;
        problem = null;
        if (string.IsNullOrEmpty(text))
        {
            problem = "the pattern is empty";
            return false;
        }
        var segments = text.Split(':');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (IsPlaceholder(segment) || AccountAddress.IsValidSegment(segment))
                continue;
            problem = segment.Length == 0
                ? $"segment {i + 1} is empty"
                : $"segment {i + 1} '{segment}' is neither a literal ([A-Za-z0-9_-]+) nor a whole-segment placeholder {{name}}";
            return false;
        }
        if (IsPlaceholder(segments[0]))
        {
            problem = "the first segment must be a literal (the account family), not a placeholder";
            return false;
        }
        pattern = new AddressPattern(text, segments);
        return true;
    }

    /// <summary>Reads a pattern known to be valid (code constants, tests); throws otherwise.</summary>
    public static AddressPattern Parse(string text) =>
        TryParse(text, out var pattern, out var problem) ? pattern : throw new ArgumentException($"Bad address pattern '{text}': {problem}", nameof(text));

    /// <summary>The first (literal) segment: the account family.</summary>
    public string Family => _segments[0];

    /// <summary>The placeholders, each with its segment's index (0-based), left to right.</summary>
    public IReadOnlyList<(int Index, string Name)> Placeholders => _placeholders ?? [];

    /// <summary>True when the pattern has the placeholder <c>{<paramref name="name"/>}</c>.</summary>
    public bool HasPlaceholder(string name) => Placeholders.Any(p => p.Name == name);

    /// <summary>True when <paramref name="address"/> matches segment by segment.</summary>
    public bool Matches(AccountAddress address)
    {
        var segments = address.Segments;
        if (segments.Count != _segments.Length)
            return false;
        for (var i = 0; i < _segments.Length; i++)
        {
            if (!IsPlaceholder(_segments[i]) && !string.Equals(_segments[i], segments[i], StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    /// <summary>True when at least one address would match both patterns.</summary>
    public bool Overlaps(AddressPattern other)
    {
        if (other._segments.Length != _segments.Length)
            return false;
        for (var i = 0; i < _segments.Length; i++)
        {
            var (a, b) = (_segments[i], other._segments[i]);
            if (!IsPlaceholder(a) && !IsPlaceholder(b) && !string.Equals(a, b, StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    /// <summary>Patterns are equal when their text is.</summary>
    public bool Equals(AddressPattern other) => string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => Text is null ? 0 : StringComparer.Ordinal.GetHashCode(Text);

    /// <inheritdoc />
    public override string ToString() => Text ?? "";

    private static bool IsPlaceholder(string segment) =>
        segment.Length > 2 && segment[0] == '{' && segment[^1] == '}' &&
        char.IsAsciiLetter(segment[1]) && segment[1..^1].All(char.IsAsciiLetterOrDigit);
}
