using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace WalletFlow.Functions;

/// <summary>
/// The ASP.NET Core request a trigger binds, seen as the worker's <see cref="HttpRequestData"/>:
/// the Durable SDK's <c>CreateHttpManagementPayload</c> takes the latter, this app binds the former
/// (ASP.NET Core integration). Translation only: URL, headers, body, cookies, identities and method are
/// the request's own; the SDK builds the management URLs from them.
/// </summary>
/// <remarks>
/// Not <c>FunctionContext.GetHttpRequestDataAsync()</c>: under the integration that returns the
/// extension's own wrapper of the same request, but only when the host's middleware has put the request
/// into the context, which a direct call (every test here) cannot do; this adapter behaves the same in
/// both. <see cref="HttpRequestData"/> requires the invocation's <see cref="FunctionContext"/>.
/// </remarks>
public sealed class AspNetCoreRequestData(HttpRequest request, FunctionContext context) : HttpRequestData(context)
{
    public override Stream Body => request.Body;

    public override HttpHeadersCollection Headers { get; } =
        new(request.Headers.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Key, h.Value.Select(v => v ?? ""))));

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } =
        request.Cookies.Select(c => (IHttpCookie)new HttpCookie(c.Key, c.Value)).ToList();

    public override Uri Url { get; } = new(request.GetEncodedUrl());

    public override IEnumerable<ClaimsIdentity> Identities => request.HttpContext.User.Identities;

    public override string Method => request.Method;

    /// <summary>Answers go out as ASP.NET Core results (<c>IResult</c>), never through the worker's response model.</summary>
    public override HttpResponseData CreateResponse() =>
        throw new NotSupportedException("walletflow answers with ASP.NET Core results; this request only feeds the Durable management URLs.");
}
