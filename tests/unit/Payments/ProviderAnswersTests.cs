using WalletFlow.Adapters.Payments;
using WalletFlow.Core.Ports;

namespace WalletFlow.Tests.Unit.Payments;

/// <summary>
/// Only an answer that says so in the protocol is definitive; everything else is ambiguous, because
/// the provider may have paid (design.md §7).
/// </summary>
public sealed class ProviderAnswersTests
{
    private const string Payout = "po-1";

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(202)]
    public void An_accepted_answer_with_a_reference_is_accepted(int status) =>
        Assert.Equal(new ProviderOutcome.Accepted("ref-9"),
            ProviderAnswers.Classify(status, """{"payoutId":"po-1","status":"accepted","reference":"ref-9"}""", Payout));

    [Theory]
    [InlineData(200)]
    [InlineData(400)]
    [InlineData(422)]
    public void An_explicit_rejection_with_a_reason_is_rejected_on_a_2xx_or_a_4xx(int status) =>
        Assert.Equal(new ProviderOutcome.Rejected("account closed"),
            ProviderAnswers.Classify(status, """{"payoutId":"po-1","status":"rejected","reason":"account closed"}""", Payout));

    [Fact]
    public void A_pending_answer_is_pending_with_or_without_a_reference()
    {
        Assert.Equal(new ProviderOutcome.Pending("ref-9"), ProviderAnswers.Classify(202, """{"payoutId":"po-1","status":"pending","reference":"ref-9"}""", Payout));
        Assert.Equal(new ProviderOutcome.Pending(null), ProviderAnswers.Classify(200, """{"status":"pending"}""", Payout));
    }

    [Theory]
    [InlineData(500, """{"payoutId":"po-1","status":"rejected","reason":"x"}""")] // a 5xx is never definitive, whatever it says
    [InlineData(502, "<html>Bad gateway</html>")]
    [InlineData(503, "")]
    [InlineData(200, "not json at all")]
    [InlineData(200, "")]
    [InlineData(200, "[1,2,3]")]
    [InlineData(200, "\"accepted\"")]
    [InlineData(200, """{"payoutId":"po-1","status":"accepted"}""")] // accepted without a reference
    [InlineData(200, """{"payoutId":"po-1","status":"rejected"}""")] // rejected without a reason
    [InlineData(200, """{"payoutId":"po-1","status":"processing","reference":"r"}""")]
    [InlineData(200, """{"payoutId":"po-2","status":"accepted","reference":"r"}""")] // about another payout
    [InlineData(200, "{\"payoutId\":\"po-1\",\"status\":\"accepted\",\"reference\":\"r")] // truncated
    [InlineData(404, """{"error":"no payout 'po-1' was submitted"}""")]
    [InlineData(409, """{"error":"different amount"}""")]
    [InlineData(401, """{"payoutId":"po-1","status":"accepted","reference":"r"}""")] // a 4xx only ever rejects
    [InlineData(302, "")]
    [InlineData(101, "")]
    public void Anything_else_is_ambiguous(int status, string body)
    {
        var outcome = ProviderAnswers.Classify(status, body, Payout);
        var ambiguous = Assert.IsType<ProviderOutcome.Ambiguous>(outcome);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), ambiguous.Detail, StringComparison.Ordinal);
        Assert.False(outcome.IsDefinitive);
    }

    [Fact]
    public void A_long_unreadable_body_is_quoted_shortened_in_the_detail()
    {
        var ambiguous = Assert.IsType<ProviderOutcome.Ambiguous>(ProviderAnswers.Classify(502, new string('x', 5000), Payout));
        Assert.True(ambiguous.Detail.Length < 300, ambiguous.Detail);
    }

    [Fact]
    public void Our_own_timeout_is_ambiguous_and_says_how_long_we_waited()
    {
        var outcome = ProviderAnswers.Failure(new TaskCanceledException(), timedOut: true, TimeSpan.FromMilliseconds(300));
        Assert.Equal("no answer within 300 ms", outcome.Detail);
    }

    [Fact]
    public void Transport_failures_are_ambiguous_and_name_the_failure()
    {
        var refused = ProviderAnswers.Failure(
            new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:9)", new System.Net.Sockets.SocketException(111)),
            timedOut: false, TimeSpan.FromSeconds(1));
        Assert.Contains("ConnectionError", refused.Detail, StringComparison.Ordinal);
        Assert.StartsWith("transport failure", ProviderAnswers.Failure(new IOException("reset by peer"), false, TimeSpan.FromSeconds(1)).Detail, StringComparison.Ordinal);
        Assert.StartsWith("unexpected failure", ProviderAnswers.Failure(new InvalidOperationException("boom"), false, TimeSpan.FromSeconds(1)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_accepted_and_rejected_are_definitive()
    {
        Assert.True(new ProviderOutcome.Accepted("r").IsDefinitive);
        Assert.True(new ProviderOutcome.Rejected("r").IsDefinitive);
        Assert.False(new ProviderOutcome.Pending("r").IsDefinitive);
        Assert.False(new ProviderOutcome.Ambiguous("r").IsDefinitive);
    }
}
