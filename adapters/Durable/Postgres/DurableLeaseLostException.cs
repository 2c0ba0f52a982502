namespace WalletFlow.Adapters.Durable.Postgres;

/// <summary>
/// A process tried to commit work whose lease it no longer holds (it ran out while the process was
/// paused or cut off, and another process took the work over). Nothing was written; the dispatcher
/// abandons the work item and the new owner's run is the one that counts.
/// </summary>
public sealed class DurableLeaseLostException : Exception
{
    public DurableLeaseLostException(string message) : base(message)
    {
    }

    public DurableLeaseLostException(string message, Exception inner) : base(message, inner)
    {
    }

    public DurableLeaseLostException()
    {
    }
}
