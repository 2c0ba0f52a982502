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
    /// A free-text reference or reason, 1–<paramref name="maxLength"/> characters, storable as it is
    /// (<see cref="StorableText"/>: no control character, no unpaired surrogate).
    /// </summary>
    public static Result<string> Text(string? text, string field, int maxLength = 256)
    {
        if (string.IsNullOrWhiteSpace(text))
            return InvalidRequest.For(field, "A value is required.");
        if (text.Length > maxLength)
            return InvalidRequest.For(field, $"At most {maxLength} characters.");
        return StorableText.Problem(text) is { } problem
            ? InvalidRequest.For(field, $"The text {problem}.")
            : text;
    }

    /// <summary>Both amounts in one currency, or a mismatch naming <paramref name="field"/>.</summary>
    public static Result<Currency> SameCurrency(Currency expected, Currency actual, string field) =>
        expected == actual ? actual : new CurrencyMismatch(expected, actual) { Field = field };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
