using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Payments;

/// <summary>The JSON of a submit: the amount in major units as a decimal string, as in the public API (design.md §10).</summary>
public sealed record PayoutRequestBody(string PayoutId, string Amount, string Currency, BeneficiaryBody Beneficiary)
{
    public static PayoutRequestBody From(PayoutInstruction instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return new(instruction.PayoutId, instruction.Amount.FormatAmount(), instruction.Amount.Currency.Code,
            new BeneficiaryBody(instruction.Beneficiary.Name, instruction.Beneficiary.AccountNumber, instruction.Beneficiary.BankCode));
    }
}
