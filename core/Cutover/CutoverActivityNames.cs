namespace WalletFlow.Core.Cutover;

/// <summary>The names the cutover workflows and their activities are registered and called under (both hosts).</summary>
public static class CutoverActivityNames
{
    /// <summary>Registered as <c>CutoverWorkflow</c>.</summary>
    public const string Workflow = "CutoverWorkflow";
    /// <summary>Registered as <c>CutoverRollbackWorkflow</c>.</summary>
    public const string RollbackWorkflow = "CutoverRollbackWorkflow";
    /// <summary>Registered as <c>FreezeLegacyActivity</c>.</summary>
    public const string Freeze = "FreezeLegacyActivity";
    /// <summary>Registered as <c>PostOpeningBalancesActivity</c>.</summary>
    public const string PostBatch = "PostOpeningBalancesActivity";
    /// <summary>Registered as <c>ConfirmOpeningBalancesActivity</c>.</summary>
    public const string ConfirmPosted = "ConfirmOpeningBalancesActivity";
    /// <summary>Registered as <c>RunCutoverGatesActivity</c>.</summary>
    public const string Gates = "RunCutoverGatesActivity";
    /// <summary>Registered as <c>ReconcileCutoverActivity</c>.</summary>
    public const string Reconcile = "ReconcileCutoverActivity";
    /// <summary>Registered as <c>GoLiveActivity</c>.</summary>
    public const string GoLive = "GoLiveActivity";
    /// <summary>Registered as <c>FailCutoverActivity</c>.</summary>
    public const string Fail = "FailCutoverActivity";
    /// <summary>Registered as <c>ReverseOpeningBalancesActivity</c>.</summary>
    public const string ReverseBatch = "ReverseOpeningBalancesActivity";
    /// <summary>Registered as <c>FinishRollbackActivity</c>.</summary>
    public const string FinishRollback = "FinishRollbackActivity";

    /// <summary>The rollback's instance id: the cutover's own id names its forward workflow, whose history stays.</summary>
    public static string RollbackInstance(string cutoverId) => cutoverId + ":rollback";
}
