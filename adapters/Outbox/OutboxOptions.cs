using System.ComponentModel.DataAnnotations;

namespace WalletFlow.Adapters.Outbox;

/// <summary><c>Outbox:*</c> settings of the relay.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Whether this process runs the relay (several processes may; one relays at a time).</summary>
    public bool RelayEnabled { get; set; } = true;

    /// <summary>Pause between polls when the outbox is empty.</summary>
    [Range(10, 60_000)]
    public int PollMilliseconds { get; set; } = 500;

    /// <summary>Rows published per transaction.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;
}
