using WalletFlow.Core.Monetary;
using WalletFlow.Core.Payments;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Ports;

/// <summary>
/// The configured payment providers, by id. Choosing a provider for a payout is a use-case decision
/// with expected failures (a typo in the provider id, a currency the rail does not serve), so those are
/// rejections, not exceptions.
/// </summary>
public interface IPaymentProviderRegistry
{
    /// <summary>Every configured provider id, in ordinal order.</summary>
    IReadOnlyList<string> ProviderIds { get; }

    /// <summary>The provider with this id, or <see cref="UnknownProvider"/>.</summary>
    Result<IPaymentProvider> Find(string providerId);

    /// <summary>
    /// The provider that will carry a payout in <paramref name="currency"/>: <see cref="UnknownProvider"/>
    /// or <see cref="CurrencyNotServed"/> when it cannot.
    /// </summary>
    Result<IPaymentProvider> ForPayout(string providerId, Currency currency);
}
