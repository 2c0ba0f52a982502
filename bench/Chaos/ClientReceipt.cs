namespace WalletFlow.Chaos;

/// <summary>A success the client was told about: what it must find in the commands, payouts and ledger afterwards.</summary>
/// <param name="Kind">wallet, pay-in, transfer or payout.</param>
/// <param name="Key">The Idempotency-Key sent (the wallet id for a wallet).</param>
/// <param name="Status">201 or 202.</param>
/// <param name="CommandId">A movement's command id.</param>
/// <param name="TransactionId">A movement's ledger transaction id.</param>
/// <param name="ResourceId">The wallet or payout id.</param>
public sealed record ClientReceipt(string Kind, string Key, int Status, string? CommandId, long? TransactionId, string? ResourceId);
