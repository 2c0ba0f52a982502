using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using WalletFlow.Api;

namespace WalletFlow.Host.Api;

/// <summary>
/// The cross-cutting work of /v1, in one place, before any handler runs: a request body must be JSON
/// (415), no larger than <see cref="ApiOptions.MaxBodyBytes"/> (413) and well-formed (400
/// <c>invalid_json</c>); it is then buffered so binding cannot fail half-way through a stream. The one
/// exceptions are files (<c>text/csv</c>): a cutover's balances file on <see cref="CutoversApi.UploadPath"/>, buffered
/// under <see cref="ApiOptions.MaxCutoverFileBytes"/>, and a chart of accounts on <see cref="CoaApi.ImportPath"/>,
/// under <see cref="ApiOptions.MaxBodyBytes"/>; each is checked line by line by its use case. After
/// the handler: binding failures, unmatched routes and unhandled exceptions become problem+json too,
/// and an exception answers 500 without its message (it is logged with the traceId). Which status each
/// refusal gets is <see cref="ApiProblems"/>' choice, not this class's.
/// </summary>
public sealed class ApiBoundaryMiddleware(RequestDelegate next, IOptions<ApiOptions> options, ILogger<ApiBoundaryMiddleware> logger)
{
    private readonly int _maxBodyBytes = options.Value.MaxBodyBytes;
    private readonly int _maxCutoverFileBytes = options.Value.MaxCutoverFileBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            if (HasBody(context.Request) && !await AcceptBodyAsync(context))
                return;
            await next(context);
            if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentType is null)
                await WriteBareStatusAsync(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await BindingFailedAsync(context, e);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            logger.LogError(e, "{Method} {Path} failed (traceId {TraceId})", context.Request.Method, context.Request.Path, context.TraceIdentifier);
            context.Response.Clear();
            await ApiProblems.WriteBoundaryAsync(context, ApiProblems.InternalError,
                "The request could not be completed. The error is logged with this traceId.");
        }
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    /// <summary>Checks and buffers the body; false when it has answered the request itself.</summary>
    private async Task<bool> AcceptBodyAsync(HttpContext context)
    {
        var request = context.Request;
        // The one v1 body that is not JSON: a cutover's legacy balances file, buffered under its own limit.
        if (IsCutoverFile(request))
            return await BufferAsync(context, _maxCutoverFileBytes) is not null;
        // A chart of accounts (text/csv): a few dozen rows, under the JSON limit.
        if (IsChartOfAccounts(request))
            return await BufferAsync(context, _maxBodyBytes) is not null;
        if (!request.HasJsonContentType())
        {
            await ApiProblems.WriteBoundaryAsync(context, ApiProblems.UnsupportedMediaType,
                "Request bodies are JSON: send Content-Type: application/json.");
            return false;
        }
        if (!AcceptCharset(request))
        {
            await ApiProblems.WriteBoundaryAsync(context, ApiProblems.UnsupportedMediaType,
                "Request bodies are JSON in UTF-8: send Content-Type: application/json, with charset=utf-8 or none.");
            return false;
        }
        var buffer = await BufferAsync(context, _maxBodyBytes);
        if (buffer is null)
            return false;
        try
        {
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException e)
        {
            await ApiProblems.WriteBoundaryAsync(context, ApiProblems.InvalidJson,
                $"The body is not well-formed JSON: {e.Message}");
            return false;
        }
        buffer.Position = 0;
        return true;
    }

    private static bool IsCutoverFile(HttpRequest request) => IsCsvUpload(request, CutoversApi.UploadPath);

    private static bool IsChartOfAccounts(HttpRequest request) => IsCsvUpload(request, CoaApi.ImportPath);

    private static bool IsCsvUpload(HttpRequest request, string path) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(path, StringComparison.Ordinal) && CsvUpload.IsCsv(request);

    /// <summary>Reads the body into memory (so binding cannot fail half-way through a stream) and makes it the request's body; null when it has answered 413.</summary>
    private static async Task<MemoryStream?> BufferAsync(HttpContext context, int maxBytes)
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            await TooLargeAsync(context, maxBytes);
            return null;
        }
        var buffer = new MemoryStream();
        context.Response.RegisterForDispose(buffer);
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                await TooLargeAsync(context, maxBytes);
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        request.Body = buffer;
        return buffer;
    }

    /// <summary>
    /// False when the declared charset is not UTF-8. JSON travels as UTF-8 (RFC 8259 §8.1) and is parsed
    /// here as UTF-8, but binding decodes it again by the declared charset: one .NET cannot name
    /// (<c>charset=nope</c>, even a quoted <c>"utf-8"</c>) threw there into a 500 (found by the fuzzer).
    /// A UTF-8 charset is dropped, so binding reads exactly what was parsed here.
    /// </summary>
    private static bool AcceptCharset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.Charset.HasValue)
            return true;
        var charset = HeaderUtilities.RemoveQuotes(type.Charset);
        if (!charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            return false;
        type.Charset = default;
        request.ContentType = type.ToString();
        return true;
    }

    private static Task TooLargeAsync(HttpContext context, int maxBytes) =>
        ApiProblems.WriteBoundaryAsync(context, ApiProblems.PayloadTooLarge, $"Request bodies are limited to {maxBytes} bytes.");

    // Well-formed JSON that does not fit the request type (a number where a string goes, an array for
    // an object, no body at all), or a header or query value that does not bind.
    private static Task BindingFailedAsync(HttpContext context, BadHttpRequestException e)
    {
        context.Response.Clear();
        if (e.StatusCode != StatusCodes.Status400BadRequest)
            return ApiProblems.WriteStatusAsync(context, e.StatusCode);
        if (e.InnerException is JsonException { Path: { Length: > 2 } path })
        {
            var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
            return ApiProblems.WriteBoundaryAsync(context, ApiProblems.InvalidJson,
                $"The body does not fit the request: {field} has the wrong JSON type (amounts and ids are strings).",
                new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = ["Wrong JSON type; amounts and ids are JSON strings."] } });
        }
        return ApiProblems.WriteBoundaryAsync(context, ApiProblems.InvalidJson,
            "The body must be a JSON object of the request's fields.");
    }

    // Routing's own answers (no such path, wrong method) carry no body: give them the problem shape too.
    private static Task WriteBareStatusAsync(HttpContext context) => ApiProblems.WriteStatusAsync(context, context.Response.StatusCode);
}
