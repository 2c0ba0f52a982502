using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Api;

/// <summary>
/// <see cref="ApiFixture"/> with a payout requery budget a test can wait out: one requery, ten seconds
/// after the submit (long enough for a webhook sent right after the start to arrive first, short
/// enough that an ambiguous payout reaches manual review within seconds), one-second provider
/// timeouts, and a sandbox webhook secret the tests sign with.
/// </summary>
public sealed class V1EndpointFixture(PostgresServer server) : ApiFixture(server,
[
    "--Payouts:MaxRequeries=1",
    "--Payouts:FirstRequeryDelay=00:00:10",
    "--Payouts:MaxRequeryDelay=00:00:10",
    "--Payments:Providers:sandbox:SubmitTimeout=00:00:01",
    "--Payments:Providers:sandbox:QueryTimeout=00:00:01",
    $"--Payments:Providers:sandbox:WebhookSecret={WebhookSecret}",
])
{
    /// <summary>The sandbox provider's callback key here (by default it is random per process).</summary>
    public const string WebhookSecret = "v1-endpoint-tests-webhook-secret";
}
