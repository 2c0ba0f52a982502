using WalletFlow.Core.Results;

namespace WalletFlow.Activities.Payouts;

/// <summary>
/// A payout step met a refusal that is not an answer (a key in progress, a conflict): the step did
/// nothing and must run again. Thrown so the saga's retry policy retries it; never recorded as an outcome.
/// </summary>
public sealed class PayoutStepNotDoneException : Exception
{
    public PayoutStepNotDoneException(string step, Rejection refusal)
        : base($"Payout step {step} did not run: {refusal?.Code}: {refusal?.Message}")
    {
    }

    public PayoutStepNotDoneException()
    {
    }

    public PayoutStepNotDoneException(string message)
        : base(message)
    {
    }

    public PayoutStepNotDoneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
