using WalletFlow.Tests.Integration.Api;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Fuzz;

/// <summary>
/// The real host for the fuzzer: no rate limit (a burst of hostile movements would otherwise be
/// refused with 429 before anything else is checked), a sandbox webhook secret the fuzzer knows, so
/// a signed hostile body reaches what comes after the signature check, and the ledger API enabled on
/// its own loopback listener. Its answers are not checked against /openapi/v1.json: the fuzzer aims
/// at paths, methods and bodies no operation declares, and checks its own rule (a 4xx problem, never a 5xx).
/// </summary>
public sealed class FuzzApiFixture(PostgresServer server) : ApiFixture(server,
[
    "--RateLimits:MovementsPerSecond=0",
    "--Payments:Sandbox:Enabled=true",
    $"--Payments:Providers:sandbox:WebhookSecret={WebhookSecret}",
    "--LedgerApi:Enabled=true",
    "--LedgerApi:Urls=http://127.0.0.1:0",
], checkContract: false)
{
    public const string WebhookSecret = "fuzz-webhook-secret-0123456789abcdef";
}
