using WalletFlow.Adapters.Payments;
using WalletFlow.Adapters.Payments.Sandbox;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Ports;

namespace WalletFlow.Tests.Integration.Payments;

/// <summary>Builders for the payments tests: instructions by sandbox script, and providers with test-sized timeouts.</summary>
internal static class Payouts
{
    /// <summary>Short, so digits 5 and 6 cost a fraction of a second per call.</summary>
    public static readonly TimeSpan Quick = TimeSpan.FromMilliseconds(300);

    /// <summary>For calls that must get their answer: generous, so a cold start on a busy machine is not a timeout.</summary>
    public static readonly TimeSpan Patient = TimeSpan.FromSeconds(10);

    public const string WebhookSecret = "test-webhook-secret-0123456789";
    public const string ApiKey = "sk_test_rails";

    public static PayoutInstruction Instruction(SandboxScript script, string? payoutId = null, long minorUnits = 150_000) =>
        new(payoutId ?? $"po-{Guid.NewGuid():N}", new Money(Currency.NGN, minorUnits),
            new Beneficiary("Ada Obi", SandboxScripts.AccountNumberFor(script), "058"));

    public static HttpPaymentProvider Provider(Uri baseUrl, HttpClient http, TimeSpan? timeout = null, string? webhookSecret = WebhookSecret) =>
        new(PaymentProviderSettings.Fixed("sandbox", baseUrl, [Currency.NGN, Currency.KES], timeout ?? Patient, timeout ?? Patient, ApiKey, webhookSecret),
            http, TimeProvider.System);

    public static HttpClient Client() => new() { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    /// <summary>A rail whose digit-6 answers come well after <see cref="Quick"/>.</summary>
    public static SandboxRailSettings RailSettings(Uri? webhookUrl = null, int settleAfterQueries = 2) =>
        new(SettleAfterQueries: settleAfterQueries, SlowResponseDelay: TimeSpan.FromSeconds(3), WebhookUrl: webhookUrl, WebhookSecret: WebhookSecret);
}
