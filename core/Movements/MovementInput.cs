using WalletFlow.Core.Accounts;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Movements;

/// <summary>
/// The field rules every movement shares, in one place: each returns the typed value or a rejection
/// naming the field (problem+json field errors).
/// </summary>
public static class MovementInput
{
    /// <summary>A currency code from the currency table.</summary>
    public static Result<Currency> Currency(string? code, string field) =>
        string.IsNullOrEmpty(code)
            ? InvalidRequest.For(field, "A currency is required.")
            : Monetary.Currency.Find(code) is { IsSuccess: false } unknown ? unknown.Error with { Field = field } : Monetary.Currency.Find(code);

    /// <summary>A positive amount in major units of <paramref name="currency"/>, within its scale.</summary>
    public static Result<Money> PositiveAmount(string? amount, Currency currency, string field)
    {
        if (string.IsNullOrEmpty(amount))
            return InvalidRequest.For(field, "An amount is required.");
        var parsed = Money.Parse(amount, currency);
        if (!parsed.IsSuccess)
            return parsed.Error with { Field = field };
        return parsed.Value.IsPositive
            ? parsed
            : new InvalidAmount(amount, "the amount must be greater than zero") { Field = field };
    }

    /// <summary>An optional fee: absent is zero; present, zero or more within the currency's scale.</summary>
    public static Result<Money> OptionalFee(string? fee, Currency currency, string field)
    {
        if (string.IsNullOrEmpty(fee))
            return Money.Zero(currency);
        var parsed = Money.Parse(fee, currency);
        if (!parsed.IsSuccess)
            return parsed.Error with { Field = field };
        return parsed.Value.IsNegative
            ? new InvalidAmount(fee, "a fee cannot be negative") { Field = field }
            : parsed;
    }

    /// <summary>An id that becomes an address segment: letters, digits, '_' and '-', 1–64 characters.</summary>
    public static Result<string> Id(string? id, string field)
    {
        if (string.IsNullOrEmpty(id))
            return InvalidRequest.For(field, "An id is required.");
        return id.Length <= 64 && AccountAddress.IsValidSegment(id)
            ? id
            : InvalidRequest.For(field, $"'{Shorten(id)}' is not a valid id: 1–64 letters, digits, '_' or '-'.");
    }

    /// <summary>
    /// A free-text reference or reason, 1–<paramref name="maxLength"/> characters, none of them a
    /// control character (U+0000–U+001F, U+007F).
    /// </summary>
    public static Result<string> Text(string? text, string field, int maxLength = 256)
    {
        if (string.IsNullOrWhiteSpace(text))
            return InvalidRequest.For(field, "A value is required.");
        if (text.Length > maxLength)
            return InvalidRequest.For(field, $"At most {maxLength} characters.");
        // These texts become ledger references and metadata, statement lines and log fields:
        // PostgreSQL refuses NUL outright, and the other control characters (a newline, an escape)
        // would forge lines in a log or a CSV export.
        var control = text.AsSpan().IndexOfAnyInRange('\u0000', '\u001F');
        if (control < 0)
            control = text.IndexOf('\u007F', StringComparison.Ordinal);
        return control < 0
            ? text
            : InvalidRequest.For(field, $"Control characters are not allowed (U+{(int)text[control]:X4} at position {control}).");
    }

    /// <summary>Both amounts in one currency, or a mismatch naming <paramref name="field"/>.</summary>
    public static Result<Currency> SameCurrency(Currency expected, Currency actual, string field) =>
        expected == actual ? actual : new CurrencyMismatch(expected, actual) { Field = field };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
