using System.Text;
using WalletFlow.Adapters.Payments;

namespace WalletFlow.Tests.Unit.Payments;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec-0123456789abcdef";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"payoutId":"po-1","status":"accepted","reference":"r1"}""");

    [Fact]
    public void The_signature_is_the_lower_case_hex_HMAC_SHA256_of_the_raw_body()
    {
        // The well-known HMAC-SHA256 example (key "key"), so another implementation can check itself against ours.
        var signature = WebhookSignature.Sign("key", Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog"));
        Assert.Equal("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", signature);
    }

    [Fact]
    public void A_signature_made_with_the_secret_over_the_same_bytes_is_valid() =>
        Assert.True(WebhookSignature.IsValid(Secret, Body, WebhookSignature.Sign(Secret, Body)));

    [Fact]
    public void Upper_case_hex_is_the_same_signature() =>
        Assert.True(WebhookSignature.IsValid(Secret, Body, "sha256=" + WebhookSignature.Sign(Secret, Body)["sha256=".Length..].ToUpperInvariant()));

    [Fact]
    public void One_changed_byte_of_the_body_invalidates_it()
    {
        var signature = WebhookSignature.Sign(Secret, Body);
        var tampered = (byte[])Body.Clone();
        tampered[^3] ^= 1;
        Assert.False(WebhookSignature.IsValid(Secret, tampered, signature));
    }

    [Fact]
    public void Another_secret_invalidates_it() =>
        Assert.False(WebhookSignature.IsValid(Secret + "x", Body, WebhookSignature.Sign(Secret, Body)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha1=0123")]
    [InlineData("sha256=zz")]
    [InlineData("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3c")] // one byte short
    [InlineData("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8ff")] // one byte long
    [InlineData("sha256=gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg")] // not hex
    public void A_malformed_signature_is_invalid_not_an_exception(string? signature) =>
        Assert.False(WebhookSignature.IsValid(Secret, Body, signature));
}
