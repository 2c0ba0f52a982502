using Microsoft.Extensions.Logging.Abstractions;
using WalletFlow.Adapters.Outbox;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Transfers;
using static WalletFlow.Tests.Integration.UseCases.UseCaseFixture;

namespace WalletFlow.Tests.Integration.UseCases;

public sealed class OutboxRelayTests(UseCaseFixture fx) : IClassFixture<UseCaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A publisher that keeps what it is given and can be told to fail once on an event type.</summary>
    private sealed class CollectingPublisher : IEventPublisher
    {
        public List<PublishedEvent> Published { get; } = [];

        public string? FailOnce { get; set; }

        public Task PublishAsync(PublishedEvent outboxEvent, CancellationToken cancellationToken)
        {
            if (outboxEvent.EventType == FailOnce)
            {
                FailOnce = null;
                throw new IOException("broker unavailable");
            }
            Published.Add(outboxEvent);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task The_relay_publishes_every_event_once_in_order_and_retries_from_a_failure_without_skipping()
    {
        var publisher = new CollectingPublisher { FailOnce = "TransferCompleted" };
        var relay = new OutboxRelay(fx.Db, publisher, TimeProvider.System, NullLogger<OutboxRelay>.Instance);
        while (await relay.RelayOnceAsync(1000, Ct) > 0)
        {
        }
        publisher.Published.Clear();
        publisher.FailOnce = "TransferCompleted";
        var from = await fx.OpenWalletAsync();
        var to = await fx.OpenWalletAsync();
        var commands = new List<string>();
        commands.Add((await fx.Get<PayIn>().RunAsync(new PayInRequest(Key(), from.WalletId, "5.00", "NGN", "banks:gtb", "r1"), Ct)).Value.CommandId);
        commands.Add((await fx.Get<Transfer>().RunAsync(new TransferRequest(Key(), from.WalletId, to.WalletId, "1.00", "NGN"), Ct)).Value.CommandId);
        commands.Add((await fx.Get<PayIn>().RunAsync(new PayInRequest(Key(), from.WalletId, "2.00", "NGN", "banks:gtb", "r2"), Ct)).Value.CommandId);

        Assert.Equal(1, await relay.RelayOnceAsync(100, Ct)); // the pay-in; the transfer fails, the last waits behind it
        Assert.Equal(2, await relay.RelayOnceAsync(100, Ct));
        Assert.Equal(0, await relay.RelayOnceAsync(100, Ct));

        Assert.Equal(["PayInReceived", "TransferCompleted", "PayInReceived"], publisher.Published.Select(p => p.EventType));
        Assert.Equal(commands.Zip(publisher.Published, (c, p) => $"{c}:{p.EventType}"), publisher.Published.Select(p => p.DeduplicationId));
        Assert.True(publisher.Published.Select(p => p.OutboxId).SequenceEqual(publisher.Published.Select(p => p.OutboxId).Order()));
        Assert.Equal(0, await fx.CountAsync("walletflow.outbox", "published_at IS NULL"));
    }
}
