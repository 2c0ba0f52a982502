namespace WalletFlow.Core.Corrections;

/// <summary>The correction workflow's names, shared by both hosts (orchestration, activity and event names).</summary>
public static class CorrectionNames
{
    /// <summary>The orchestration; its instance id is the correction id.</summary>
    public const string Workflow = "CorrectionWorkflow";

    /// <summary>The one activity: expire, post or refuse, from the correction's row.</summary>
    public const string Conclude = "ConcludeCorrectionActivity";

    /// <summary>The external event a recorded decision raises (it wakes the workflow; the row decides).</summary>
    public const string DecisionEvent = "CorrectionDecision";

    /// <summary>The actor of the steps the workflow itself takes.</summary>
    public const string WorkflowActor = "workflow";

    /// <summary>The operation correction requests are claimed under.</summary>
    public const string RequestOperation = "correction-request";

    /// <summary>The operation a reversal's command is recorded under.</summary>
    public const string ReversalOperation = "correction-reversal";

    /// <summary>The idempotency key of a correction's posting: one per correction id, whoever runs it how often.</summary>
    public static string PostingKey(string correctionId) => "correction:" + correctionId;
}
