using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace WalletFlow.Api;

/// <summary>
/// The v1 bodies that are files, not JSON: a cutover's balances file and a chart of accounts. Both are
/// <c>text/csv</c> in UTF-8, read whole (the boundary has buffered them under their limit).
/// </summary>
public static class CsvUpload
{
    /// <summary>The media type of an uploaded file.</summary>
    public const string MediaType = "text/csv";

    /// <summary>True for a <c>text/csv</c> body in UTF-8 (charset utf-8 or none).</summary>
    public static bool IsCsv(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase))
            return false;
        var charset = HeaderUtilities.RemoveQuotes(type.Charset);
        return !type.Charset.HasValue || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The body's text, or null when it is not valid UTF-8.</summary>
    public static async Task<string?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            using var reader = new StreamReader(request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
