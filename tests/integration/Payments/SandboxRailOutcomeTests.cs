using WalletFlow.Adapters.Payments;
using WalletFlow.Adapters.Payments.Sandbox;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Ports;
using static WalletFlow.Tests.Integration.Payments.Payouts;

namespace WalletFlow.Tests.Integration.Payments;

/// <summary>
/// The real HTTP adapter against the real sandbox rail (Kestrel on 127.0.0.1): each scripted outcome
/// classified as the saga needs it, idempotent resubmits, and what went over the wire.
/// </summary>
public sealed class SandboxRailOutcomeTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly HttpClient _http = Client();
    private SandboxRail _rail = null!;
    private HttpPaymentProvider _provider = null!;
    private HttpPaymentProvider _quick = null!;

    public async ValueTask InitializeAsync()
    {
        _rail = await SandboxRail.StartAsync(RailSettings(), cancellationToken: Ct);
        _provider = Provider(_rail.BaseUrl, _http);
        _quick = Provider(_rail.BaseUrl, _http, Quick);
        // One patient call first: JIT and a pooled connection, so a 300 ms call below only times out
        // where the rail makes it wait, not because the first request on a busy machine was slow.
        await _provider.QueryAsync("warm-up", Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _rail.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task Digit_1_is_accepted_at_once_and_the_rail_received_the_payout_id_as_idempotency_key_with_amount_and_beneficiary()
    {
        var payout = Instruction(SandboxScript.InstantSuccess, minorUnits: 1_234_567);

        var outcome = await _provider.SubmitAsync(payout, Ct);

        Assert.Equal(new ProviderOutcome.Accepted($"sbx-{payout.PayoutId}"), outcome);
        var sent = Assert.Single(_rail.RequestsFor(payout.PayoutId));
        Assert.True(sent.IsSubmit);
        Assert.Equal("/payouts", sent.Path);
        Assert.Equal(payout.PayoutId, sent.IdempotencyKey);
        Assert.Equal(payout.PayoutId, sent.PayoutId);
        Assert.Equal(new Money(Currency.NGN, 1_234_567), sent.Amount);
        Assert.Equal(payout.Beneficiary, sent.Beneficiary);
        Assert.Equal($"Bearer {ApiKey}", sent.Authorization);
        Assert.Contains("\"amount\":\"12345.67\"", sent.Body, StringComparison.Ordinal);
        Assert.Contains("\"currency\":\"NGN\"", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digit_2_is_a_definitive_rejection_with_the_rails_reason()
    {
        var payout = Instruction(SandboxScript.Reject);

        var rejected = Assert.IsType<ProviderOutcome.Rejected>(await _provider.SubmitAsync(payout, Ct));

        Assert.Contains("last digit 2", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(rejected, await _provider.QueryAsync(payout.PayoutId, Ct));
    }

    [Fact]
    public async Task Digit_3_is_pending_then_accepted_on_the_second_requery()
    {
        var payout = Instruction(SandboxScript.PendingThenSuccess);
        var reference = $"sbx-{payout.PayoutId}";

        Assert.Equal(new ProviderOutcome.Pending(reference), await _provider.SubmitAsync(payout, Ct));
        Assert.Equal(new ProviderOutcome.Pending(reference), await _provider.QueryAsync(payout.PayoutId, Ct));
        Assert.Equal(new ProviderOutcome.Accepted(reference), await _provider.QueryAsync(payout.PayoutId, Ct));
        Assert.Equal(new ProviderOutcome.Accepted(reference), await _provider.QueryAsync(payout.PayoutId, Ct));

        var requeries = _rail.RequestsFor(payout.PayoutId).Where(r => !r.IsSubmit).ToList();
        Assert.Equal(3, requeries.Count);
        Assert.All(requeries, r => Assert.Equal($"/payouts/{payout.PayoutId}", r.Path));
    }

    [Fact]
    public async Task Digit_4_is_pending_then_rejected_on_the_second_requery()
    {
        var payout = Instruction(SandboxScript.PendingThenFailure);

        Assert.IsType<ProviderOutcome.Pending>(await _provider.SubmitAsync(payout, Ct));
        Assert.IsType<ProviderOutcome.Pending>(await _provider.QueryAsync(payout.PayoutId, Ct));
        var rejected = Assert.IsType<ProviderOutcome.Rejected>(await _provider.QueryAsync(payout.PayoutId, Ct));
        Assert.Contains("last digit 4", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_settling_requery_is_configurable()
    {
        await using var rail = await SandboxRail.StartAsync(RailSettings(settleAfterQueries: 1), cancellationToken: Ct);
        var provider = Provider(rail.BaseUrl, _http);
        var payout = Instruction(SandboxScript.PendingThenSuccess);

        Assert.IsType<ProviderOutcome.Pending>(await provider.SubmitAsync(payout, Ct));
        Assert.IsType<ProviderOutcome.Accepted>(await provider.QueryAsync(payout.PayoutId, Ct));
    }

    [Fact]
    public async Task Digit_5_submit_requery_and_resubmit_are_all_ambiguous_timeouts()
    {
        var payout = Instruction(SandboxScript.AmbiguousForever);

        var submit = Assert.IsType<ProviderOutcome.Ambiguous>(await _quick.SubmitAsync(payout, Ct));
        var requery = Assert.IsType<ProviderOutcome.Ambiguous>(await _quick.QueryAsync(payout.PayoutId, Ct));
        var resubmit = Assert.IsType<ProviderOutcome.Ambiguous>(await _quick.SubmitAsync(payout, Ct));

        Assert.All(new[] { submit, requery, resubmit }, a => Assert.Equal("no answer within 300 ms", a.Detail));
        Assert.Equal(3, _rail.RequestsFor(payout.PayoutId).Count);
        Assert.Null(_rail.Find(payout.PayoutId)!.Status);
    }

    [Fact]
    public async Task Digit_6_submit_outlasts_the_timeout_as_ambiguous_then_the_requery_says_accepted()
    {
        var payout = Instruction(SandboxScript.SlowThenSuccess);

        var submit = Assert.IsType<ProviderOutcome.Ambiguous>(await _quick.SubmitAsync(payout, Ct));
        Assert.Equal("no answer within 300 ms", submit.Detail);

        Assert.Equal(new ProviderOutcome.Accepted($"sbx-{payout.PayoutId}"), await _provider.QueryAsync(payout.PayoutId, Ct));
    }

    [Fact]
    public async Task Digit_6_resubmitted_after_the_timeout_answers_at_once_with_the_one_payment_already_made()
    {
        var payout = Instruction(SandboxScript.SlowThenSuccess);
        Assert.IsType<ProviderOutcome.Ambiguous>(await _quick.SubmitAsync(payout, Ct));

        Assert.Equal(new ProviderOutcome.Accepted($"sbx-{payout.PayoutId}"), await _provider.SubmitAsync(payout, Ct));

        var state = _rail.Find(payout.PayoutId)!;
        Assert.Equal((2, ProviderProtocol.Accepted), (state.Submits, state.Status));
        Assert.All(_rail.RequestsFor(payout.PayoutId), r => Assert.Equal(payout.PayoutId, r.IdempotencyKey));
    }

    [Theory]
    [InlineData(SandboxScript.InstantSuccess)]
    [InlineData(SandboxScript.Reject)]
    [InlineData(SandboxScript.PendingThenSuccess)]
    public async Task A_resubmit_of_the_same_payout_returns_the_same_state_and_never_pays_twice(SandboxScript script)
    {
        var payout = Instruction(script);

        var first = await _provider.SubmitAsync(payout, Ct);
        var second = await _provider.SubmitAsync(payout, Ct);
        var third = await _provider.SubmitAsync(payout, Ct);

        Assert.Equal(first, second);
        Assert.Equal(first, third);
        var state = _rail.Find(payout.PayoutId)!;
        Assert.Equal(3, state.Submits);
        Assert.Equal(payout.Amount, state.Amount);
        Assert.Equal(3, _rail.RequestsFor(payout.PayoutId).Count(r => r.IsSubmit && r.IdempotencyKey == payout.PayoutId));
    }

    [Fact]
    public async Task A_resubmit_under_the_same_payout_id_with_another_amount_is_a_conflict_the_adapter_treats_as_ambiguous()
    {
        var payout = Instruction(SandboxScript.InstantSuccess);
        Assert.IsType<ProviderOutcome.Accepted>(await _provider.SubmitAsync(payout, Ct));

        var changed = payout with { Amount = new Money(Currency.NGN, payout.Amount.MinorUnits + 1) };
        var conflict = Assert.IsType<ProviderOutcome.Ambiguous>(await _provider.SubmitAsync(changed, Ct));

        Assert.Contains("409", conflict.Detail, StringComparison.Ordinal);
        Assert.Equal(payout.Amount, _rail.Find(payout.PayoutId)!.Amount);
    }

    [Fact]
    public async Task A_requery_of_a_payout_the_rail_never_received_is_ambiguous_not_a_rejection()
    {
        var unknown = Assert.IsType<ProviderOutcome.Ambiguous>(await _provider.QueryAsync("po-never-sent", Ct));
        Assert.Contains("404", unknown.Detail, StringComparison.Ordinal);
    }
}
