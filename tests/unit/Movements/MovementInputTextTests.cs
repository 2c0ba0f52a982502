using WalletFlow.Core.Movements;

namespace WalletFlow.Tests.Unit.Movements;

/// <summary>
/// MovementInput.Text, the rule every free-text field of the v1 API shares (externalRef, legacyRef,
/// reason, beneficiary fields, evidence, actor, ownerId): control characters are refused up front,
/// naming the field, before anything reaches the ledger or PostgreSQL.
/// </summary>
public class MovementInputTextTests
{
    [Theory]
    [InlineData("inv\u00000042", 3)]
    [InlineData("\u0001leading", 0)]
    [InlineData("line\nbreak", 4)]
    [InlineData("carriage\rreturn", 8)]
    [InlineData("tab\there", 3)]
    [InlineData("escape\u001b[31m", 6)]
    [InlineData("delete\u007f", 6)]
    public void A_control_character_is_refused_naming_the_field_and_the_position(string text, int position)
    {
        var result = MovementInput.Text(text, "externalRef", 128);

        var refused = Assert.IsType<InvalidRequest>(result.Error);
        Assert.Equal("externalRef", refused.Field);
        Assert.Equal("externalRef", ((WalletFlow.Core.Results.Rejection)refused).Field); // the problem+json field error
        Assert.Contains($"U+{(int)text[position]:X4} at position {position}", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unpaired_surrogate_is_refused_like_a_control_character_because_it_cannot_be_stored()
    {
        var refused = Assert.IsType<InvalidRequest>(MovementInput.Text("ref\ud800x", "externalRef", 128).Error);

        Assert.Equal("externalRef", refused.Field);
        Assert.Equal("The text must be valid Unicode (an unpaired surrogate at position 3).", refused.Reason);
    }

    [Theory]
    [InlineData("INV-2024/0042")]
    [InlineData("Payment for order #12, thanks!")]
    [InlineData("Ọlá Adébáyọ̀")]
    [InlineData("結算 €1 — ✓ 🙂")]
    public void Printable_text_passes_unchanged(string text)
    {
        var result = MovementInput.Text(text, "reason", 512);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(text, result.Value);
    }

    [Fact]
    public void Blank_and_too_long_texts_are_still_refused_as_before()
    {
        Assert.Equal("legacyRef", Assert.IsType<InvalidRequest>(MovementInput.Text("  ", "legacyRef", 128).Error).Field);
        var tooLong = Assert.IsType<InvalidRequest>(MovementInput.Text(new string('x', 129), "legacyRef", 128).Error);
        Assert.Equal("At most 128 characters.", tooLong.Reason);
    }
}
