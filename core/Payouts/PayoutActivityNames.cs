namespace WalletFlow.Core.Payouts;

/// <summary>The payout saga's activity names, in one place: the orchestrator calls them, the activities are registered under them.</summary>
public static class PayoutActivityNames
{
    /// <summary>The orchestrator itself.</summary>
    public const string Saga = "PayoutSaga";

    /// <summary>Moves amount + fee into the payout's hold.</summary>
    public const string Hold = "HoldPayoutActivity";

    /// <summary>Sends the payout to its provider.</summary>
    public const string Submit = "SubmitPayoutActivity";

    /// <summary>Asks the provider for the payout's status.</summary>
    public const string Query = "QueryPayoutActivity";

    /// <summary>Pays the hold to clearing and the fee to revenue.</summary>
    public const string Settle = "SettlePayoutActivity";

    /// <summary>Gives the hold back to the wallet.</summary>
    public const string Release = "ReleasePayoutActivity";

    /// <summary>Records the dead-letter and puts the payout in manual review.</summary>
    public const string DeadLetter = "DeadLetterPayoutActivity";
}
