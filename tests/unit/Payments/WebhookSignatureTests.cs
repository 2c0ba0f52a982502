using System.Text;
using WalletFlow.Adapters.Payments;

namespace WalletFlow.Tests.Unit.Payments;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec-0123456789abcdef";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"payoutId":"po-1","status":"accepted","reference":"r1"}""");
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [Fact]
    public void The_signature_is_the_time_and_the_lower_case_hex_HMAC_SHA256_of_the_time_a_dot_and_the_raw_body()
    {
        // printf '%s' "1700000000.The quick brown fox jumps over the lazy dog" | openssl dgst -sha256 -hmac key
        var signature = WebhookSignature.Sign("key", SignedAt, Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog"));
        Assert.Equal("t=1700000000,sha256=2f658d6aef4f246e91cd741bbcded7479e9605f9d41c9e248122a117e0e1765b", signature);
    }

    [Fact]
    public void A_signature_made_with_the_secret_over_the_same_bytes_within_the_window_is_valid()
    {
        var signature = WebhookSignature.Sign(Secret, SignedAt, Body);
        Assert.Null(WebhookSignature.Check(Secret, Body, signature, SignedAt, Window));
        Assert.Null(WebhookSignature.Check(Secret, Body, signature, SignedAt + Window, Window));
        Assert.Null(WebhookSignature.Check(Secret, Body, signature, SignedAt - Window, Window)); // the provider's clock a little ahead
    }

    [Fact]
    public void Upper_case_hex_is_the_same_signature()
    {
        var signature = WebhookSignature.Sign(Secret, SignedAt, Body);
        var upper = signature[..signature.IndexOf("sha256=", StringComparison.Ordinal)] + "sha256=" + signature[(signature.IndexOf("sha256=", StringComparison.Ordinal) + 7)..].ToUpperInvariant();
        Assert.Null(WebhookSignature.Check(Secret, Body, upper, SignedAt, Window));
    }

    [Fact]
    public void A_genuine_signature_replayed_after_the_window_is_refused_naming_the_window()
    {
        var signature = WebhookSignature.Sign(Secret, SignedAt, Body);
        var late = WebhookSignature.Check(Secret, Body, signature, SignedAt + Window + TimeSpan.FromSeconds(1), Window);
        Assert.Equal("the callback was signed 301 s ago, outside the 300 s window (a replay, or a clock far off)", late);
        var early = WebhookSignature.Check(Secret, Body, signature, SignedAt - Window - TimeSpan.FromSeconds(1), Window);
        Assert.Equal("the callback was signed 301 s ahead of this clock, outside the 300 s window (a replay, or a clock far off)", early);
    }

    [Fact]
    public void Moving_the_signed_time_into_the_window_breaks_the_signature()
    {
        var signature = WebhookSignature.Sign(Secret, SignedAt, Body);
        var now = SignedAt + TimeSpan.FromHours(1);
        var restamped = "t=" + now.ToUnixTimeSeconds() + signature[signature.IndexOf(',', StringComparison.Ordinal)..];
        Assert.Equal("the signature does not match the body", WebhookSignature.Check(Secret, Body, restamped, now, Window));
    }

    [Fact]
    public void One_changed_byte_of_the_body_invalidates_it()
    {
        var signature = WebhookSignature.Sign(Secret, SignedAt, Body);
        var tampered = (byte[])Body.Clone();
        tampered[^3] ^= 1;
        Assert.Equal("the signature does not match the body", WebhookSignature.Check(Secret, tampered, signature, SignedAt, Window));
    }

    [Fact]
    public void Another_secret_invalidates_it() =>
        Assert.NotNull(WebhookSignature.Check(Secret + "x", Body, WebhookSignature.Sign(Secret, SignedAt, Body), SignedAt, Window));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")] // the old, undated form
    [InlineData("t=,sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")]
    [InlineData("t=-5,sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")]
    [InlineData("t=99999999999999999999,sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")]
    [InlineData("t=1700000000")]
    [InlineData("t=1700000000,sha256=")]
    [InlineData("t=1700000000,sha1=0123")]
    [InlineData("t=1700000000,sha256=zz")]
    [InlineData("t=1700000000,sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3c")] // one byte short
    [InlineData("t=1700000000,sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8ff")] // one byte long
    [InlineData("t=1700000000,sha256=gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg")] // not hex
    public void A_malformed_signature_is_refused_not_an_exception(string? signature) =>
        Assert.NotNull(WebhookSignature.Check(Secret, Body, signature, SignedAt, Window));
}
