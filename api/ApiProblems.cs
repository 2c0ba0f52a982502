using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Api;

/// <summary>
/// The one place a rejection becomes an HTTP answer: RFC 9457 problem+json with the rejection's stable
/// <c>code</c>, its message as <c>detail</c>, and <c>errors</c> (field → messages) when it names a field.
/// Status rule: 400 when the request is wrong on its face (shape, amount, currency code); 422 when it
/// is well-formed but the state it names says no (insufficient funds, a wallet of another currency, a
/// wallet named in the body that does not exist); 404 when the resource in the path does not exist;
/// 409 for idempotency conflicts and state conflicts; anything unexpected is a 500 without internals.
/// Nothing else in either host picks a status for a refusal: the HTTP boundary's own refusals
/// (malformed JSON, too large, not JSON, no such route) are <see cref="Boundary"/> and
/// <see cref="WriteStatusAsync"/> here too.
/// </summary>
public static class ApiProblems
{
    /// <summary>Codes the boundary itself produces (core's are in <see cref="RejectionCodes"/>).</summary>
    public const string InvalidJson = "invalid_json";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string InternalError = "internal_error";

    /// <summary>The HTTP status of a rejection; <paramref name="routeValues"/> tells a path resource (404) from a body field (422).</summary>
    public static int StatusOf(Rejection rejection, RouteValueDictionary? routeValues = null)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return rejection.Code switch
        {
            RejectionCodes.InvalidRequest or RejectionCodes.InvalidAmount or RejectionCodes.UnknownCurrency
                or RejectionCodes.InvalidAsset or RejectionCodes.InvalidAllocation or RejectionCodes.InvalidFxRate
                or RejectionCodes.InvalidAddress => StatusCodes.Status400BadRequest,
            RejectionCodes.InsufficientFunds or RejectionCodes.CurrencyMismatch
                or RejectionCodes.UnknownProvider or RejectionCodes.CurrencyNotServed => StatusCodes.Status422UnprocessableEntity,
            RejectionCodes.InvalidWebhook or RejectionCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
            RejectionCodes.Forbidden => StatusCodes.Status403Forbidden,
            RejectionCodes.RateLimited => StatusCodes.Status429TooManyRequests,
            RejectionCodes.NotFound => rejection.Field is null || routeValues?.ContainsKey(rejection.Field) == true
                ? StatusCodes.Status404NotFound
                : StatusCodes.Status422UnprocessableEntity,
            RejectionCodes.IdempotencyConflict or RejectionCodes.IdempotencyInProgress
                or RejectionCodes.StateConflict or RejectionCodes.PayoutsPaused => StatusCodes.Status409Conflict,
            // template_mismatch, unmapped_address, a ledger refusal other than insufficient funds: a bug or
            // an outage on our side, never the caller's to fix.
            _ => StatusCodes.Status500InternalServerError,
        };
    }

    /// <summary>The rejection as problem+json, with the headers and extensions its code calls for.</summary>
    public static ProblemHttpResult For(Rejection rejection, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        ArgumentNullException.ThrowIfNull(context);
        var status = StatusOf(rejection, context.Request.RouteValues);
        if (status == StatusCodes.Status500InternalServerError)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiProblems))
                .LogError("{Method} {Path} was rejected with {Rejection}, which v1 does not expect", context.Request.Method, context.Request.Path, rejection.ToString());
            return Problem(context, status, InternalError, "The request could not be completed; nothing was moved. The error is logged with this traceId.");
        }

        var extensions = new Dictionary<string, object?>();
        if (rejection.Field is { } field)
            extensions["errors"] = new Dictionary<string, string[]> { [field] = [rejection is InvalidRequest invalid ? invalid.Reason : rejection.Message] };
        switch (rejection)
        {
            case InsufficientFunds shortfall:
                extensions["account"] = shortfall.Account;
                extensions["asset"] = shortfall.Asset;
                extensions["requested"] = ApiMoney.FromLedger(shortfall.Asset, shortfall.Needed);
                extensions["available"] = ApiMoney.FromLedger(shortfall.Asset, shortfall.Available);
                break;
            case Core.Cutover.CutoverFileRefused refused:
                // Every bad line, so the file can be fixed in one pass: errors by "line N", and the list itself.
                extensions["errors"] = refused.Errors.GroupBy(e => $"line {e.Line}")
                    .ToDictionary(g => g.Key, g => g.Select(e => e.Column is null ? e.Message : $"{e.Column}: {e.Message}").ToArray());
                extensions["lines"] = refused.Errors.Select(e => new { line = e.Line, column = e.Column, message = e.Message }).ToArray();
                break;
            case Core.Coa.CoaFileRefused refused:
                // Every problem with its line, and the other line of a clash (an overlapping pattern, a repeated GL code).
                extensions["errors"] = refused.Issues.GroupBy(i => $"line {i.Line}").ToDictionary(g => g.Key, g => g.Select(i => i.Message).ToArray());
                extensions["lines"] = refused.Issues.Select(i => new { line = i.Line, otherLine = i.OtherLine, message = i.Message }).ToArray();
                break;
            case IdempotencyInProgress:
                context.Response.Headers.RetryAfter = "1";
                break;
            case Core.Identity.RateLimited limited:
                context.Response.Headers.RetryAfter = limited.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            case Core.Identity.Unauthenticated:
                context.Response.Headers.WWWAuthenticate = "Bearer";
                break;
        }
        return Problem(context, status, rejection.Code, rejection.Message, extensions);
    }

    /// <summary>
    /// A refusal of the HTTP boundary itself, before any use case runs (<see cref="InvalidJson"/> 400,
    /// <see cref="PayloadTooLarge"/> 413, <see cref="UnsupportedMediaType"/> 415, <see cref="MethodNotAllowed"/> 405,
    /// <c>not_found</c> 404 for a path no endpoint serves, <see cref="InternalError"/> 500): its code
    /// decides its status here, as a rejection's does.
    /// </summary>
    public static ProblemHttpResult Boundary(HttpContext context, string code, string detail, IDictionary<string, object?>? extensions = null) =>
        Problem(context, BoundaryStatusOf(code), code, detail, extensions);

    /// <summary><see cref="Boundary"/> written outside an endpoint (the boundary middleware).</summary>
    public static Task WriteBoundaryAsync(HttpContext context, string code, string detail, IDictionary<string, object?>? extensions = null) =>
        Boundary(context, code, detail, extensions).ExecuteAsync(context);

    /// <summary>
    /// A status the framework already answered without a body (routing's 404 and 405, a request binding
    /// could not read): the same status, given the problem shape and the code of its meaning.
    /// </summary>
    public static Task WriteStatusAsync(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (code, detail) = status switch
        {
            StatusCodes.Status404NotFound => (RejectionCodes.NotFound, $"No v1 resource at {context.Request.Path}."),
            StatusCodes.Status405MethodNotAllowed => (MethodNotAllowed, $"{context.Request.Method} is not allowed on {context.Request.Path}."),
            StatusCodes.Status413PayloadTooLarge => (PayloadTooLarge, "The request body is too large."),
            StatusCodes.Status415UnsupportedMediaType => (UnsupportedMediaType, "Request bodies are JSON: send Content-Type: application/json."),
            _ => ("http_" + status.ToString(System.Globalization.CultureInfo.InvariantCulture), "The request could not be read or was refused."),
        };
        return Problem(context, status, code, detail).ExecuteAsync(context);
    }

    private static int BoundaryStatusOf(string code) => code switch
    {
        InvalidJson => StatusCodes.Status400BadRequest,
        RejectionCodes.NotFound => StatusCodes.Status404NotFound,
        MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        InternalError => StatusCodes.Status500InternalServerError,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Not a code of the HTTP boundary; a use case's refusal goes through For(rejection)."),
    };

    /// <summary>A problem+json answer with <paramref name="code"/> and the request's traceId.</summary>
    private static ProblemHttpResult Problem(HttpContext context, int status, string code, string detail, IDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var all = new Dictionary<string, object?> { ["code"] = code };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
            all[key] = value;
        all["traceId"] = context.TraceIdentifier;
        return TypedResults.Problem(detail: detail, statusCode: status, title: Title(status), instance: context.Request.Path, extensions: all);
    }

    private static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad Request",
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not Found",
        StatusCodes.Status405MethodNotAllowed => "Method Not Allowed",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status413PayloadTooLarge => "Content Too Large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported Media Type",
        StatusCodes.Status422UnprocessableEntity => "Unprocessable Content",
        StatusCodes.Status429TooManyRequests => "Too Many Requests",
        StatusCodes.Status500InternalServerError => "Internal Server Error",
        _ => "Error",
    };
}
