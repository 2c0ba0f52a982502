using WalletFlow.Core.Monetary;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Stablecoins;

/// <summary>The field rules mint and burn share.</summary>
public static class StablecoinInput
{
    /// <summary>
    /// A digital asset of seed/currencies.csv (USDT, USDC): custody accounts hold stablecoins only. The
    /// table's digital assets are the currencies without an ISO numeric code.
    /// </summary>
    public static Result<Currency> Asset(string? code, string field) =>
        MovementInput.Currency(code, field).Then(currency => currency.NumericCode is null
            ? Result.Success(currency)
            : InvalidRequest.For(field, $"{currency.Code} is not a stablecoin; custody holds digital assets such as USDT or USDC."));

    /// <summary>An optional on-chain or provider reference: empty when absent.</summary>
    public static Result<string> OptionalReference(string? reference, string field) =>
        reference is null ? "" : MovementInput.Text(reference, field, 128);
}
