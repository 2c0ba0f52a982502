namespace WalletFlow.Tests.Integration.Fuzz;

/// <summary>Hostility a request may carry besides its <see cref="FuzzBreak"/>: not sure to be refused on its own.</summary>
public enum FuzzNoise
{
    /// <summary>A field sent twice (case variants too: v1 binds names case-insensitively).</summary>
    DuplicateKeys,
    /// <summary>Fields no request has: <c>__proto__</c>, <c>$where</c>, <c>actor</c>, <c>force</c>.</summary>
    UnknownFields,
    /// <summary>SQL, RTL, control and over-long text in free-text fields.</summary>
    HostileText,
    /// <summary>Hostile values in optional fields (fee, market rate, hold id).</summary>
    HostileOptional,
    /// <summary>The Idempotency-Key twice, with different values.</summary>
    TwoIdempotencyKeys,
    /// <summary>Query parameters nobody reads, and some that look like injections.</summary>
    HostileQueryNoise,
    /// <summary>Forwarding, encoding and accept headers that lie.</summary>
    LyingHeaders,
    /// <summary>A JSON content type with a charset or parameters nobody expects.</summary>
    OddJsonContentType,
    /// <summary>The body sent chunked, without a Content-Length.</summary>
    Chunked,
}
