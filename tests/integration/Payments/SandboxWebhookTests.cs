using System.Text;
using WalletFlow.Adapters.Payments;
using WalletFlow.Adapters.Payments.Sandbox;
using WalletFlow.Core.Payments;
using WalletFlow.Core.Ports;
using static WalletFlow.Tests.Integration.Payments.Payouts;

namespace WalletFlow.Tests.Integration.Payments;

/// <summary>
/// The sandbox rail's status callbacks, delivered over HTTP to a receiver on loopback and checked by the
/// adapter's webhook verification: genuine ones become status events, tampered or foreign ones are refused.
/// </summary>
public sealed class SandboxWebhookTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly HttpClient _http = Client();
    private WebhookReceiver _receiver = null!;
    private SandboxRail _rail = null!;
    private HttpPaymentProvider _provider = null!;

    public async ValueTask InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync(Ct);
        _rail = await SandboxRail.StartAsync(RailSettings(_receiver.Url), cancellationToken: Ct);
        _provider = Provider(_rail.BaseUrl, _http);
        await _provider.QueryAsync("warm-up", Ct); // JIT and a pooled connection before any 300 ms call
    }

    public async ValueTask DisposeAsync()
    {
        await _rail.DisposeAsync();
        await _receiver.DisposeAsync();
        _http.Dispose();
    }

    private ProviderStatusEvent Verified(WebhookReceiver.Callback callback)
    {
        var result = _provider.VerifyWebhook(callback.Body, callback.Signature);
        Assert.True(result.IsSuccess, result.ToString());
        return result.Value;
    }

    [Fact]
    public async Task An_instant_success_is_called_back_signed_and_verifies_as_accepted()
    {
        var payout = Instruction(SandboxScript.InstantSuccess);
        await _provider.SubmitAsync(payout, Ct);

        var callback = await _receiver.NextAsync(Ct);

        Assert.Matches("^t=[0-9]+,sha256=[0-9a-f]{64}$", callback.Signature);
        Assert.Equal(new ProviderStatusEvent("sandbox", payout.PayoutId, new ProviderOutcome.Accepted($"sbx-{payout.PayoutId}")), Verified(callback));
    }

    [Fact]
    public async Task Pending_then_success_calls_back_each_status_change_in_order()
    {
        var payout = Instruction(SandboxScript.PendingThenSuccess);
        await _provider.SubmitAsync(payout, Ct);
        await _provider.QueryAsync(payout.PayoutId, Ct);
        await _provider.QueryAsync(payout.PayoutId, Ct);
        await _provider.QueryAsync(payout.PayoutId, Ct); // no change: no callback

        var reference = $"sbx-{payout.PayoutId}";
        Assert.Equal(new ProviderOutcome.Pending(reference), Verified(await _receiver.NextAsync(Ct)).Outcome);
        Assert.Equal(new ProviderOutcome.Accepted(reference), Verified(await _receiver.NextAsync(Ct)).Outcome);

        // A marker payout after the last query: had the third query called back, it would arrive first.
        var marker = Instruction(SandboxScript.Reject);
        await _provider.SubmitAsync(marker, Ct);
        Assert.Equal(marker.PayoutId, Verified(await _receiver.NextAsync(Ct)).PayoutId);
        // One delivery loop: the first two were recorded before the marker's was sent.
        Assert.All(_rail.WebhookDeliveries.Take(2), d => Assert.True(d.Delivered));
        Assert.Equal([ProviderProtocol.Pending, ProviderProtocol.Accepted], _rail.WebhookDeliveries.Take(2).Select(d => d.Status));
    }

    [Fact]
    public async Task Pending_then_failure_calls_back_the_rejection_with_its_reason()
    {
        var payout = Instruction(SandboxScript.PendingThenFailure);
        await _provider.SubmitAsync(payout, Ct);
        await _provider.QueryAsync(payout.PayoutId, Ct);
        await _provider.QueryAsync(payout.PayoutId, Ct);

        Assert.IsType<ProviderOutcome.Pending>(Verified(await _receiver.NextAsync(Ct)).Outcome);
        var rejected = Assert.IsType<ProviderOutcome.Rejected>(Verified(await _receiver.NextAsync(Ct)).Outcome);
        Assert.Contains("last digit 4", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivered_callback_with_a_tampered_body_is_refused()
    {
        var payout = Instruction(SandboxScript.Reject);
        await _provider.SubmitAsync(payout, Ct);
        var callback = await _receiver.NextAsync(Ct);

        // The attack that matters: turn a rejection into an acceptance and keep the signature.
        var forged = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(callback.Body)
            .Replace("\"status\":\"rejected\"", "\"status\":\"accepted\",\"reference\":\"x\"", StringComparison.Ordinal));
        Assert.NotEqual(callback.Body, forged);

        var refused = Assert.IsType<WebhookRejected>(_provider.VerifyWebhook(forged, callback.Signature).Error);
        Assert.Equal("invalid_webhook", refused.Code);
    }

    [Fact]
    public async Task A_delivered_callback_checked_with_another_secret_is_refused()
    {
        await _provider.SubmitAsync(Instruction(SandboxScript.InstantSuccess), Ct);
        var callback = await _receiver.NextAsync(Ct);

        var otherSecret = Provider(_rail.BaseUrl, _http, webhookSecret: "a-different-secret-0123456789");
        Assert.IsType<WebhookRejected>(otherSecret.VerifyWebhook(callback.Body, callback.Signature).Error);
        Assert.IsType<WebhookRejected>(_provider.VerifyWebhook(callback.Body, null).Error);
    }

    [Fact]
    public async Task Digit_5_never_calls_back_because_its_outcome_is_never_known()
    {
        var ambiguous = Instruction(SandboxScript.AmbiguousForever);
        await Provider(_rail.BaseUrl, _http, Quick).SubmitAsync(ambiguous, Ct);
        var marker = Instruction(SandboxScript.InstantSuccess);
        await _provider.SubmitAsync(marker, Ct);

        Assert.Equal(marker.PayoutId, Verified(await _receiver.NextAsync(Ct)).PayoutId);
    }
}
