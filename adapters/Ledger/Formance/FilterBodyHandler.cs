using System.Net.Http.Headers;
using System.Text;
using System.Web;

namespace WalletFlow.Adapters.Ledger.Formance;

/// <summary>
/// Sends a listing's filter both ways Formance servers read it: the <c>query</c> query parameter
/// (newer servers) and, as the OpenAPI file has it, the JSON body of the GET (older ones).
/// </summary>
public sealed class FilterBodyHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Get && request.Content is null && request.RequestUri is { Query.Length: > 1 } uri
            && HttpUtility.ParseQueryString(uri.Query)["query"] is { Length: > 0 } filter)
        {
            request.Content = new StringContent(filter, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        return base.SendAsync(request, cancellationToken);
    }
}
