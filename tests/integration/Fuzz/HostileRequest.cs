using System.Text;

namespace WalletFlow.Tests.Integration.Fuzz;

/// <summary>
/// One generated request, complete and inert: method, path and query (already escaped), headers
/// (a name may repeat), body bytes and content type. <see cref="ToMessage"/> makes the HttpRequestMessage.
/// </summary>
/// <param name="Number">Its place in the seeded sequence.</param>
/// <param name="Endpoint">The endpoint it attacks.</param>
/// <param name="Break">What it is sure to get wrong.</param>
/// <param name="Noise">The other hostility it carries.</param>
/// <param name="Method">The HTTP method (a wrong one for <see cref="FuzzBreak.WrongMethod"/>).</param>
/// <param name="PathAndQuery">Relative to the surface's base address, starting with '/'.</param>
/// <param name="Headers">Request headers; a name may come twice.</param>
/// <param name="Body">The body bytes; null sends none.</param>
/// <param name="ContentType">Sent as Content-Type when there is a body; null sends none.</param>
/// <param name="Chunked">Sends the body without a Content-Length.</param>
public sealed record HostileRequest(
    int Number, FuzzEndpoint Endpoint, FuzzBreak Break, IReadOnlyList<FuzzNoise> Noise,
    string Method, string PathAndQuery, IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body, string? ContentType, bool Chunked)
{
    public HttpRequestMessage ToMessage(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var message = new HttpRequestMessage(new HttpMethod(Method), new Uri(baseAddress.GetLeftPart(UriPartial.Authority) + baseAddress.AbsolutePath.TrimEnd('/') + PathAndQuery));
        foreach (var (name, value) in Headers)
            message.Headers.TryAddWithoutValidation(name, value);
        if (Body is not null)
        {
            message.Content = Chunked ? new StreamContent(new MemoryStream(Body)) : new ByteArrayContent(Body);
            if (ContentType is not null)
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            if (Chunked)
                message.Headers.TransferEncodingChunked = true;
        }
        return message;
    }

    /// <summary>What to print of it when it is answered wrongly: enough to replay it by hand.</summary>
    public string Describe()
    {
        var text = new StringBuilder()
            .Append(CultureInfoInvariant($"#{Number} {Endpoint.Name} break={Break} noise=[{string.Join(",", Noise)}]\n{Method} {PathAndQuery}\n"));
        foreach (var (name, value) in Headers)
            text.Append(name).Append(": ").Append(Shorten(value)).Append('\n');
        if (Body is not null)
        {
            text.Append(CultureInfoInvariant($"Content-Type: {ContentType ?? "(none)"}{(Chunked ? " (chunked)" : "")}\n"));
            text.Append(Shorten(Encoding.UTF8.GetString(Body)));
        }
        return text.ToString();
    }

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);

    private static string Shorten(string text) =>
        text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), FormattableString.Invariant($"… ({text.Length} chars)"));
}
