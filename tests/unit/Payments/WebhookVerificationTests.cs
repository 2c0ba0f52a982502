using System.Text;
using WalletFlow.Adapters.Payments;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Payments;
using WalletFlow.Core.Ports;

namespace WalletFlow.Tests.Unit.Payments;

/// <summary>The adapter's webhook check: signature first, then the event; every refusal is a typed rejection.</summary>
public sealed class WebhookVerificationTests : IDisposable
{
    private const string Secret = "whsec-0123456789abcdef";
    private readonly HttpClient _unused = new();

    public void Dispose() => _unused.Dispose();

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private HttpPaymentProvider Provider(string? secret = Secret) => new(
        PaymentProviderSettings.Fixed("acme", new Uri("http://127.0.0.1:9/"), [Currency.NGN], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), webhookSecret: secret)
            with { WebhookTolerance = TimeSpan.FromMinutes(5) },
        _unused, new StoppedClock(Now));

    private static string Sign(string secret, byte[] body, TimeSpan? age = null) => WebhookSignature.Sign(secret, Now - (age ?? TimeSpan.FromSeconds(3)), body);

    private static byte[] Json(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public void A_signed_accepted_callback_is_the_status_event()
    {
        var body = Json("""{"payoutId":"po-7","status":"accepted","reference":"ref-7"}""");
        var result = Provider().VerifyWebhook(body, Sign(Secret, body));
        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(new ProviderStatusEvent("acme", "po-7", new ProviderOutcome.Accepted("ref-7")), result.Value);
    }

    [Fact]
    public void Signed_rejected_and_pending_callbacks_carry_their_outcome()
    {
        var rejected = Json("""{"payoutId":"po-7","status":"rejected","reason":"closed"}""");
        var pending = Json("""{"payoutId":"po-8","status":"pending"}""");
        Assert.Equal(new ProviderOutcome.Rejected("closed"), Provider().VerifyWebhook(rejected, Sign(Secret, rejected)).Value.Outcome);
        Assert.Equal(new ProviderOutcome.Pending(null), Provider().VerifyWebhook(pending, Sign(Secret, pending)).Value.Outcome);
    }

    [Fact]
    public void A_tampered_body_is_rejected()
    {
        var signed = Json("""{"payoutId":"po-7","status":"rejected","reason":"closed"}""");
        var tampered = Json("""{"payoutId":"po-7","status":"accepted","reference":"ref"}""");
        var rejection = Assert.IsType<WebhookRejected>(Provider().VerifyWebhook(tampered, Sign(Secret, signed)).Error);
        Assert.Equal("invalid_webhook", rejection.Code);
        Assert.Contains("signature does not match", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_callback_signed_with_another_secret_is_rejected()
    {
        var body = Json("""{"payoutId":"po-7","status":"accepted","reference":"ref-7"}""");
        Assert.IsType<WebhookRejected>(Provider().VerifyWebhook(body, Sign("not-the-secret-at-all", body)).Error);
    }

    [Fact]
    public void A_missing_signature_is_rejected_and_says_which_header()
    {
        var error = Provider().VerifyWebhook(Json("{}"), null).Error;
        Assert.Contains(ProviderProtocol.SignatureHeader, Assert.IsType<WebhookRejected>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_configured_secret_every_callback_is_rejected()
    {
        var body = Json("""{"payoutId":"po-7","status":"accepted","reference":"ref-7"}""");
        var error = Provider(secret: null).VerifyWebhook(body, Sign(Secret, body)).Error;
        Assert.Contains("no webhook secret", Assert.IsType<WebhookRejected>(error).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"payoutId":"po-7","status":"settled","reference":"r"}""")]
    [InlineData("""{"status":"accepted","reference":"r"}""")]
    [InlineData("""{"payoutId":"po-7","status":"accepted"}""")]
    [InlineData("garbage")]
    public void A_signed_but_unreadable_or_unknown_status_is_rejected(string json)
    {
        var body = Json(json);
        Assert.IsType<WebhookRejected>(Provider().VerifyWebhook(body, Sign(Secret, body)).Error);
    }

    [Fact]
    public void A_genuine_callback_signed_longer_ago_than_the_window_is_rejected_as_a_replay()
    {
        var body = Json("""{"payoutId":"po-7","status":"accepted","reference":"ref-7"}""");
        Assert.True(Provider().VerifyWebhook(body, Sign(Secret, body, TimeSpan.FromMinutes(4))).IsSuccess);
        var rejection = Assert.IsType<WebhookRejected>(Provider().VerifyWebhook(body, Sign(Secret, body, TimeSpan.FromMinutes(6))).Error);
        Assert.Equal("invalid_webhook", rejection.Code);
        Assert.Contains("outside the 300 s window", rejection.Message, StringComparison.Ordinal);
    }

    /// <summary>A clock that reads one instant: the window is checked against it, not the machine's.</summary>
    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
