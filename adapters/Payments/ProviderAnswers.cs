using System.Globalization;
using System.Text.Json;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Payments;

/// <summary>
/// Turns whatever came back from a provider into a <see cref="ProviderOutcome"/>. The rule that keeps
/// money safe: only an answer that says so in the protocol is definitive. Everything else (a 5xx, a
/// status we do not know, a body we cannot read, an answer about another payout, a timeout, a reset)
/// is <see cref="ProviderOutcome.Ambiguous"/>: the provider may have paid, so the saga requeries and
/// never releases the hold on it.
/// </summary>
public static class ProviderAnswers
{
    // Enough of an unreadable body for an operator to recognise it (an HTML error page, a proxy banner).
    private const int SnippetLength = 120;

    /// <summary>Classifies an HTTP answer to a submit or requery of <paramref name="payoutId"/>.</summary>
    public static ProviderOutcome Classify(int statusCode, string? body, string payoutId)
    {
        if (statusCode >= 500)
            return new ProviderOutcome.Ambiguous($"HTTP {statusCode} from the provider{Quoted(body)}");
        if (statusCode is < 200 or (>= 300 and < 400))
            return new ProviderOutcome.Ambiguous($"unexpected HTTP {statusCode} from the provider{Quoted(body)}");

        var answer = Parse(body);
        if (answer is null)
            return new ProviderOutcome.Ambiguous($"HTTP {statusCode} with a body that is not a payout status{Quoted(body)}");
        if (answer.PayoutId is { } other && !string.Equals(other, payoutId, StringComparison.Ordinal))
            return new ProviderOutcome.Ambiguous($"HTTP {statusCode} answers for payout '{other}', not '{payoutId}'");

        // A 4xx only counts when it is an explicit rejection; a 401, 404 or 409 says nothing about the money.
        if (statusCode >= 400 && answer.Status != ProviderProtocol.Rejected)
            return new ProviderOutcome.Ambiguous($"HTTP {statusCode} from the provider{Quoted(body)}");

        var outcome = FromStatus(answer);
        return outcome ?? new ProviderOutcome.Ambiguous($"HTTP {statusCode} with an incomplete or unknown status{Quoted(body)}");
    }

    /// <summary>
    /// The outcome a well-formed status body states, or null when it is incomplete (accepted without a
    /// reference, rejected without a reason) or names a status the protocol does not have.
    /// </summary>
    public static ProviderOutcome? FromStatus(PayoutStatusBody answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Status switch
        {
            ProviderProtocol.Accepted when !string.IsNullOrWhiteSpace(answer.Reference) => new ProviderOutcome.Accepted(answer.Reference),
            ProviderProtocol.Rejected when !string.IsNullOrWhiteSpace(answer.Reason) => new ProviderOutcome.Rejected(answer.Reason),
            ProviderProtocol.Pending => new ProviderOutcome.Pending(string.IsNullOrWhiteSpace(answer.Reference) ? null : answer.Reference),
            _ => null,
        };
    }

    /// <summary>
    /// Classifies a call that got no answer. <paramref name="timedOut"/> is true when our own timeout
    /// fired (the request may still be in flight at the provider).
    /// </summary>
    public static ProviderOutcome.Ambiguous Failure(Exception failure, bool timedOut, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (timedOut)
            return new ProviderOutcome.Ambiguous(string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalMilliseconds:0} ms"));
        return failure switch
        {
            HttpRequestException http => new ProviderOutcome.Ambiguous($"transport failure ({http.HttpRequestError}): {Innermost(http).Message}"),
            IOException io => new ProviderOutcome.Ambiguous($"transport failure: {Innermost(io).Message}"),
            OperationCanceledException => new ProviderOutcome.Ambiguous("the call was cancelled before an answer"),
            _ => new ProviderOutcome.Ambiguous($"unexpected failure ({failure.GetType().Name}): {failure.Message}"),
        };
    }

    /// <summary>Reads a status body; null when it is not a JSON object of that shape.</summary>
    public static PayoutStatusBody? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return null;
            return document.RootElement.Deserialize<PayoutStatusBody>(ProviderJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e;
    }

    private static string Quoted(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return "";
        var flat = body.ReplaceLineEndings(" ").Trim();
        return flat.Length <= SnippetLength ? $": {flat}" : $": {flat[..SnippetLength]}…";
    }
}
