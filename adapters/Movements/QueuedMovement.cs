using WalletFlow.Core.Movements;
using WalletFlow.Core.Results;

namespace WalletFlow.Adapters.Movements;

/// <summary>A movement waiting for its group, and its answer.</summary>
internal sealed class QueuedMovement(MovementCommand command)
{
    public MovementCommand Command { get; } = command;

    public TaskCompletionSource<Result<MovementReceipt>> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
