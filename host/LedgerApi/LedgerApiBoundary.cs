using Microsoft.AspNetCore.Http.Features;

namespace WalletFlow.Host.LedgerApi;

/// <summary>
/// What every ledger API request passes before its handler: a body is JSON (415 otherwise, so a
/// browser's cross-site form or text/plain post is refused) and at most <see cref="MaxBodyBytes"/>
/// (413), both answered in Formance's error shape.
/// </summary>
internal static class LedgerApiBoundary
{
    /// <summary>The largest body read. A transaction with its script is a few KiB; Numscript refuses scripts over 64 KiB.</summary>
    public const long MaxBodyBytes = 256 * 1024;

    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var request = http.Request;
        // A body must say it is JSON; so must a declared type on an empty body (a cross-site form
        // always declares one). Formance clients send no Content-Type when there is no body.
        if ((HasBody(request) || request.ContentType is not null) && !request.HasJsonContentType())
            return LedgerApiResults.Refused(StatusCodes.Status415UnsupportedMediaType, "request bodies are JSON: send Content-Type: application/json");
        if (request.ContentLength > MaxBodyBytes)
            return TooLarge();
        // A chunked body has no length to check up front: Kestrel stops reading it at the limit.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBodyBytes;
        try
        {
            return await next(context);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !http.Response.HasStarted)
        {
            return TooLarge();
        }
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static IResult TooLarge() =>
        LedgerApiResults.Refused(StatusCodes.Status413PayloadTooLarge, $"request bodies are limited to {MaxBodyBytes} bytes");
}
