using Microsoft.AspNetCore.Routing.Matching;

namespace WalletFlow.Host.LedgerApi;

/// <summary>
/// Routing's answer to "which listener?": on the ledger API's endpoints only ledger endpoints match,
/// on the main ones never. Decided by the connection's local port, not the Host header (which the
/// client writes), and in routing, so an unmatched request is a plain 404 before any other middleware.
/// </summary>
internal sealed class LedgerApiListenerPolicy(LedgerApiListener listener) : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => listener.Enabled;

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(candidates);
        var onLedgerListener = listener.Accepted(httpContext.Connection);
        for (var i = 0; i < candidates.Count; i++)
        {
            var isLedgerEndpoint = candidates[i].Endpoint.Metadata.GetMetadata<LedgerApiEndpoint>() is not null;
            if (isLedgerEndpoint != onLedgerListener)
                candidates.SetValidity(i, false);
        }
        return Task.CompletedTask;
    }
}
