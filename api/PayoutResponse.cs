using WalletFlow.Core.Payouts;

namespace WalletFlow.Api;

/// <summary>
/// A payout as /v1 shows it, in both hosts: its state from the payouts table and its saga's runtime
/// status. <see cref="StatusUrl"/> is the one URL a client is given to follow it.
/// </summary>
public sealed record PayoutResponse(
    string PayoutId,
    string WalletId,
    ApiMoney Amount,
    ApiMoney Fee,
    string ProviderId,
    BeneficiaryBody Beneficiary,
    string Status,
    string? ProviderReference,
    string? Detail,
    int Requeries,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string StatusUrl,
    string? Orchestration,
    string? Step)
{
    public static PayoutResponse From(Payout payout, string? orchestration = null, string? step = null)
    {
        ArgumentNullException.ThrowIfNull(payout);
        return new PayoutResponse(payout.PayoutId, payout.WalletId, ApiMoney.From(payout.Amount), ApiMoney.From(payout.Fee), payout.ProviderId,
            new BeneficiaryBody(payout.Beneficiary.Name, payout.Beneficiary.AccountNumber, payout.Beneficiary.BankCode),
            payout.Status.ToString(), payout.ProviderReference, payout.Detail, payout.Requeries, payout.CreatedAt, payout.UpdatedAt,
            $"/v1/payouts/{payout.PayoutId}", orchestration, step);
    }
}
