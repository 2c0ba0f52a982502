using WalletFlow.Tests.Integration.Api;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Fuzz;

/// <summary>
/// The real host for the fuzzer: no rate limit (a burst of hostile movements would otherwise be
/// refused with 429 before anything else is checked), a sandbox webhook secret the fuzzer knows, so
/// a signed hostile body reaches what comes after the signature check, and the ledger API enabled on
/// its own loopback listener.
/// </summary>
public sealed class FuzzApiFixture(PostgresServer server) : ApiFixture(server,
[
    "--RateLimits:MovementsPerSecond=0",
    "--Payments:Sandbox:Enabled=true",
    $"--Payments:Providers:sandbox:WebhookSecret={WebhookSecret}",
    "--LedgerApi:Enabled=true",
    "--LedgerApi:Urls=http://127.0.0.1:0",
])
{
    public const string WebhookSecret = "fuzz-webhook-secret-0123456789abcdef";
}
