using WalletFlow.Core.Monetary;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Accounts;

/// <summary>
/// Turns any address into its <see cref="AccountKind"/> and parts, or rejects it with the reason.
/// Currency segments must be codes in the currency table (upper-case, as the ledger assets are).
/// </summary>
public static class AccountClassifier
{
    /// <summary>Classifies text from any source (ledger listing, API input).</summary>
    public static Result<ClassifiedAccount> Classify(string address, CurrencyCatalog? currencies = null) =>
        AccountAddress.Parse(address).Then(a => Classify(a, currencies));

    /// <summary>Classifies a well-formed address.</summary>
    public static Result<ClassifiedAccount> Classify(AccountAddress address, CurrencyCatalog? currencies = null)
    {
        var catalog = currencies ?? CurrencyCatalog.Default;
        var s = address.Segments;
        Result<ClassifiedAccount> Reject(string reason) => new InvalidAddress(address.Value, reason);
        ClassifiedAccount Of(AccountKind kind) => new(address, kind);

        switch (s[0])
        {
            case AddressSegments.Wallets when s.Count == 3 && s[2] == AddressSegments.Main:
                return Of(AccountKind.WalletMain) with { WalletId = s[1] };
            case AddressSegments.Wallets when s.Count == 3 && s[2] == AddressSegments.Reserve:
                return Of(AccountKind.WalletReserve) with { WalletId = s[1] };
            case AddressSegments.Wallets when s.Count == 4 && s[2] == AddressSegments.Holds:
                return Of(AccountKind.WalletHold) with { WalletId = s[1], HoldId = s[3] };
            case AddressSegments.Wallets:
                return Reject("wallet accounts are wallets:{walletId}:main, wallets:{walletId}:reserve or wallets:{walletId}:holds:{holdId}");

            case AddressSegments.Banks when s.Count == 3:
                return WithCurrency(s[2], 3, c => Of(AccountKind.Bank) with { BankId = s[1], Currency = c });
            case AddressSegments.Banks:
                return Reject("bank accounts are banks:{bankId}:{ccy}");

            case AddressSegments.Pools when s.Count == 3:
                return WithCurrency(s[2], 3, c => Of(AccountKind.Pool) with { ProviderId = s[1], Currency = c });
            case AddressSegments.Pools:
                return Reject("pool accounts are pools:{providerId}:{ccy}");

            case AddressSegments.Clearing when s.Count == 3 && s[1] == AddressSegments.Payouts:
                return Of(AccountKind.PayoutClearing) with { ProviderId = s[2] };
            case AddressSegments.Clearing:
                return Reject("clearing accounts are clearing:payouts:{providerId}");

            case AddressSegments.FxPosition when s.Count == 2:
                return FxPair(s[1]);
            case AddressSegments.FxPosition:
                return Reject("FX positions are fx:{ccyA}-{ccyB}");

            case AddressSegments.Custody when s.Count == 3:
                return WithCurrency(s[2], 3, c => Of(AccountKind.Custody) with { Network = s[1], Currency = c });
            case AddressSegments.Custody:
                return Reject("custody accounts are custody:{network}:{asset}");

            case AddressSegments.Counterparties when s.Count == 2:
                return Of(AccountKind.Counterparty) with { CounterpartyId = s[1] };
            case AddressSegments.Counterparties:
                return Reject("counterparty accounts are counterparties:{id}");

            case AddressSegments.Revenue when s.Count == 2 && s[1] == AddressSegments.Fees:
                return Of(AccountKind.FeeRevenue);
            case AddressSegments.Revenue when s.Count == 2 && s[1] == AddressSegments.FxSpread:
                return Of(AccountKind.FxSpreadRevenue);
            case AddressSegments.Revenue when s.Count == 2 && s[1] == AddressSegments.FxRounding:
                return Of(AccountKind.FxRoundingRevenue);
            case AddressSegments.Revenue:
                return Reject("revenue accounts are revenue:fees, revenue:fx-spread and revenue:fx-rounding");

            case AddressSegments.Expenses when s.Count == 2:
                return Of(AccountKind.Expense) with { ExpenseName = s[1] };
            case AddressSegments.Expenses:
                return Reject("expense accounts are expenses:{name}");

            case AddressSegments.Equity when s.Count == 2 && s[1] == AddressSegments.Migration:
                return Of(AccountKind.MigrationEquity);
            case AddressSegments.Equity when s.Count == 2 && s[1] == AddressSegments.Funding:
                return Of(AccountKind.FundingEquity);
            case AddressSegments.Equity:
                return Reject("equity accounts are equity:migration and equity:funding");

            case AddressSegments.Suspense when s.Count == 2 && s[1] == AddressSegments.Corrections:
                return Of(AccountKind.CorrectionsSuspense);
            case AddressSegments.Suspense:
                return Reject("the suspense account is suspense:corrections");

            case AddressSegments.World:
                return Reject("@world is not used by walletflow (design.md §3): every movement names a real account");
            default:
                return Reject($"'{s[0]}' is not an account family; expected one of wallets, banks, pools, clearing, fx, custody, counterparties, revenue, expenses, equity, suspense");
        }

        Result<ClassifiedAccount> WithCurrency(string code, int position, Func<Currency, ClassifiedAccount> build)
        {
            var currency = catalog.Find(code);
            return currency.IsSuccess
                ? build(currency.Value)
                : Reject($"segment {position} '{code}' is not a known currency code");
        }

        Result<ClassifiedAccount> FxPair(string pair)
        {
            var codes = pair.Split('-');
            if (codes.Length != 2)
                return Reject($"'{pair}' is not a currency pair CCYA-CCYB");
            var first = catalog.Find(codes[0]);
            var second = catalog.Find(codes[1]);
            if (!first.IsSuccess)
                return Reject($"'{codes[0]}' in the pair is not a known currency code");
            if (!second.IsSuccess)
                return Reject($"'{codes[1]}' in the pair is not a known currency code");
            if (first.Value == second.Value)
                return Reject($"the pair '{pair}' names the same currency twice");
            return Of(AccountKind.FxPosition) with { Currency = first.Value, CounterCurrency = second.Value };
        }
    }
}
