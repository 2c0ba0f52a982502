namespace WalletFlow.Adapters.Durable.Postgres;

/// <summary>
/// A signal that never loses a pulse to a race: a waiter takes <see cref="Current"/> before it looks
/// for work, so a pulse that lands between its look and its wait still wakes it.
/// </summary>
internal sealed class Wakeup
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next pulse after it was read.</summary>
    public Task Current => Volatile.Read(ref _next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
