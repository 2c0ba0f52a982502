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

    private HttpPaymentProvider Provider(string? secret = Secret) => new(
        PaymentProviderSettings.Fixed("acme", new Uri("http://127.0.0.1:9/"), [Currency.NGN], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), webhookSecret: secret),
        _unused, TimeProvider.System);

    private static byte[] Json(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public void A_signed_accepted_callback_is_the_status_event()
    {
        var body = Json("""{"payoutId":"po-7","status":"accepted","reference":"ref-7"}""");
        var result = Provider().VerifyWebhook(body, WebhookSignature.Sign(Secret, body));
        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(new ProviderStatusEvent("acme", "po-7", new ProviderOutcome.Accepted("ref-7")), result.Value);
    }

    [Fact]
    public void Signed_rejected_and_pending_callbacks_carry_their_outcome()
    {
        var rejected = Json("""{"payoutId":"po-7","status":"rejected","reason":"closed"}""");
        var pending = Json("""{"payoutId":"po-8","status":"pending"}""");
        Assert.Equal(new ProviderOutcome.Rejected("closed"), Provider().VerifyWebhook(rejected, WebhookSignature.Sign(Secret, rejected)).Value.Outcome);
        Assert.Equal(new ProviderOutcome.Pending(null), Provider().VerifyWebhook(pending, WebhookSignature.Sign(Secret, pending)).Value.Outcome);
    }

    [Fact]
    public void A_tampered_body_is_rejected()
    {
        var signed = Json("""{"payoutId":"po-7","status":"rejected","reason":"closed"}""");
        var tampered = Json("""{"payoutId":"po-7","status":"accepted","reference":"ref"}""");
        var rejection = Assert.IsType<WebhookRejected>(Provider().VerifyWebhook(tampered, WebhookSignature.Sign(Secret, signed)).Error);
        Assert.Equal("invalid_webhook", rejection.Code);
        Assert.Contains("signature does not match", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_callback_signed_with_another_secret_is_rejected()
    {
        var body = Json("""{"payoutId":"po-7","status":"accepted","reference":"ref-7"}""");
        Assert.IsType<WebhookRejected>(Provider().VerifyWebhook(body, WebhookSignature.Sign("not-the-secret-at-all", body)).Error);
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
        var error = Provider(secret: null).VerifyWebhook(body, WebhookSignature.Sign(Secret, body)).Error;
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
        Assert.IsType<WebhookRejected>(Provider().VerifyWebhook(body, WebhookSignature.Sign(Secret, body)).Error);
    }
}
