namespace WalletFlow.Tests.Integration.Fuzz;

/// <summary>What the fuzzer signs and authenticates with: the host's real keys and webhook secret.</summary>
/// <param name="AdminKey">Holds every scope: a request it sends is refused for its content alone.</param>
/// <param name="WalletsReaderKey">Only <c>wallets:read</c>.</param>
/// <param name="ReportsReaderKey">Only <c>reports:read</c>.</param>
/// <param name="WebhookSecret">The sandbox provider's HMAC key.</param>
/// <param name="ProviderId">The provider whose webhook is signed with <paramref name="WebhookSecret"/>.</param>
/// <param name="LedgerName">The embedded ledger walletflow books into.</param>
public sealed record FuzzCredentials(string AdminKey, string WalletsReaderKey, string ReportsReaderKey, string WebhookSecret, string ProviderId, string LedgerName);
