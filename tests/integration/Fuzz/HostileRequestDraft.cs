using System.Globalization;
using System.Text;
using WalletFlow.Adapters.Payments;
using WalletFlow.Api;

namespace WalletFlow.Tests.Integration.Fuzz;

/// <summary>
/// A request being made hostile: every part stays editable until <see cref="Build"/>. The body is a
/// list of raw JSON members, so a key can repeat and a value can be any text at all, until a break
/// replaces it with raw bytes.
/// </summary>
internal sealed class HostileRequestDraft(FuzzEndpoint endpoint)
{
    /// <summary>How the webhook body is signed when the request is built.</summary>
    public enum Signing { Valid, None, Stale, Forged }

    public FuzzEndpoint Endpoint { get; } = endpoint;
    public string Method { get; set; } = endpoint.Method;
    public Dictionary<string, string> PathValues { get; } = new(StringComparer.Ordinal);
    public List<KeyValuePair<string, string>> Query { get; } = [];
    public List<KeyValuePair<string, string>> Headers { get; } = [];
    public List<KeyValuePair<string, string>> Members { get; } = [];
    public bool HasBody { get; set; } = endpoint.Body is not null;
    public byte[]? RawBody { get; set; }
    public string? ContentType { get; set; } = "application/json";
    public bool Chunked { get; set; }
    public Signing Sign { get; set; } = Signing.Valid;
    public string? ForgedSignature { get; set; }
    public List<FuzzNoise> Noise { get; } = [];

    public void SetHeader(string name, params string[] values)
    {
        Headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        foreach (var value in values)
            Headers.Add(new(name, value));
    }

    public void SetQuery(string name, string value)
    {
        Query.RemoveAll(q => string.Equals(q.Key, name, StringComparison.OrdinalIgnoreCase));
        Query.Add(new(name, value));
    }

    /// <summary>Every occurrence of <paramref name="name"/>, in any letter case (v1 binds names case-insensitively), gets <paramref name="raw"/>.</summary>
    public void SetMember(string name, string raw)
    {
        var found = false;
        for (var i = 0; i < Members.Count; i++)
        {
            if (string.Equals(Members[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                Members[i] = new(Members[i].Key, raw);
                found = true;
            }
        }
        if (!found)
            Members.Add(new(name, raw));
    }

    public string JsonBody()
    {
        var json = new StringBuilder("{");
        for (var i = 0; i < Members.Count; i++)
        {
            if (i > 0)
                json.Append(',');
            json.Append(HostileValues.JsonString(Members[i].Key)).Append(':').Append(Members[i].Value);
        }
        return json.Append('}').ToString();
    }

    public HostileRequest Build(int number, FuzzBreak brk, FuzzCredentials credentials, DateTimeOffset now, Random random)
    {
        var path = Endpoint.Path;
        foreach (var (name, value) in PathValues)
            path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        if (Query.Count > 0)
            path += "?" + string.Join('&', Query.Select(q => EscapeQuery(q.Key) + "=" + EscapeQuery(q.Value)));

        var body = HasBody ? RawBody ?? Encoding.UTF8.GetBytes(JsonBody()) : null;
        var headers = new List<KeyValuePair<string, string>>(Headers);
        if (Endpoint.Surface == FuzzSurface.Webhook && Sign != Signing.None)
        {
            var signature = Sign switch
            {
                Signing.Valid => WebhookSignature.Sign(credentials.WebhookSecret, now, body ?? []),
                Signing.Stale => WebhookSignature.Sign(credentials.WebhookSecret, now.AddMinutes(random.Next(2) == 0 ? -30 : 30), body ?? []),
                _ => ForgedSignature!,
            };
            headers.Add(new(ApiHeaders.SignatureHeader, signature));
        }
        return new HostileRequest(number, Endpoint, brk, [.. Noise], Method, path, headers, body, HasBody ? ContentType : null, HasBody && Chunked);
    }

    /// <summary>A path segment as a client would escape it: every byte of its UTF-8 (lone surrogates become U+FFFD) but the unreserved ones.</summary>
    public static string EscapeSegment(string value)
    {
        var escaped = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
                escaped.Append(c);
            else
                escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return escaped.ToString();
    }

    private static string EscapeQuery(string value) => EscapeSegment(value);
}
