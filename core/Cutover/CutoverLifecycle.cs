namespace WalletFlow.Core.Cutover;

/// <summary>
/// The cutover lifecycle (design.md §7, issue 18) in one place: the steps, the statuses each may
/// reach, which status may follow which, and the one outbox event of each fact. The workflows, the
/// activities, the store and the status endpoint all ask here.
/// </summary>
public static class CutoverLifecycle
{
    /// <summary>Every row of the file validated; the rows stored.</summary>
    public const string Validate = "validate";
    /// <summary>The <c>legacy_frozen</c> flag set.</summary>
    public const string Freeze = "freeze";
    /// <summary>Wallets opened and opening balances posted, in batches.</summary>
    public const string Post = "post-opening-balances";
    /// <summary>The four gates run.</summary>
    public const string Gates = "gates";
    /// <summary>File totals against ledger totals, per currency and per wallet.</summary>
    public const string Reconcile = "reconcile";
    /// <summary>The <c>cutover_live</c> flag set.</summary>
    public const string GoLive = "go-live";
    /// <summary>A step failed: the cutover stops before the live flag.</summary>
    public const string Fail = "fail";
    /// <summary>An operator asked for the rollback.</summary>
    public const string RollbackRequest = "rollback-requested";
    /// <summary>Opening balances reversed, in batches.</summary>
    public const string Reverse = "reverse-opening-balances";
    /// <summary>Books checked and flags restored: the rollback done.</summary>
    public const string Rollback = "rollback";
    /// <summary>The rollback could not finish.</summary>
    public const string RollbackFail = "rollback-failed";

    /// <summary>The forward steps, in order (the status endpoint lists them so).</summary>
    public static IReadOnlyList<string> ForwardSteps { get; } = [Validate, Freeze, Post, Gates, Reconcile, GoLive];

    /// <summary>Statuses in which the forward workflow has ended.</summary>
    public static bool ForwardEnded(CutoverStatus status) => status is not (CutoverStatus.Accepted or CutoverStatus.Frozen
        or CutoverStatus.Posted or CutoverStatus.GatesPassed or CutoverStatus.Reconciled);

    /// <summary>
    /// True while a cutover keeps another from starting: anything but live or rolled back. A failed one
    /// still holds legacy frozen and its opening balances: it is rolled back before the next file.
    /// </summary>
    public static bool BlocksAnother(CutoverStatus status) => status is not (CutoverStatus.Live or CutoverStatus.RolledBack);

    /// <summary>Statuses an operator may roll back from: the forward workflow has ended and the cutover is not rolled back.</summary>
    public static bool MayRollBack(CutoverStatus status) =>
        status is CutoverStatus.Failed or CutoverStatus.Live or CutoverStatus.RollingBack or CutoverStatus.RollbackFailed;

    private static readonly Dictionary<CutoverStatus, CutoverStatus[]> Next = new()
    {
        [CutoverStatus.Accepted] = [CutoverStatus.Frozen, CutoverStatus.Failed],
        [CutoverStatus.Frozen] = [CutoverStatus.Posted, CutoverStatus.Failed],
        [CutoverStatus.Posted] = [CutoverStatus.GatesPassed, CutoverStatus.Failed],
        [CutoverStatus.GatesPassed] = [CutoverStatus.Reconciled, CutoverStatus.Failed],
        [CutoverStatus.Reconciled] = [CutoverStatus.Live, CutoverStatus.Failed],
        [CutoverStatus.Live] = [CutoverStatus.RollingBack],
        [CutoverStatus.Failed] = [CutoverStatus.RollingBack],
        [CutoverStatus.RollingBack] = [CutoverStatus.RolledBack, CutoverStatus.RollbackFailed],
        [CutoverStatus.RollbackFailed] = [CutoverStatus.RollingBack],
        [CutoverStatus.RolledBack] = [],
    };

    /// <summary>True when a cutover in <paramref name="from"/> may move to <paramref name="to"/> (a status may follow itself).</summary>
    public static bool MayMove(CutoverStatus from, CutoverStatus to) => from == to || Next[from].Contains(to);

    /// <summary>Every status a cutover may move to <paramref name="to"/> from (what a store's conditional update names).</summary>
    public static IReadOnlyList<CutoverStatus> MayMoveFrom(CutoverStatus to) =>
        [.. Enum.GetValues<CutoverStatus>().Where(from => MayMove(from, to))];

    /// <summary>The transitions, each with its one outbox event.</summary>
    public static class Transitions
    {
        /// <summary>The Accepted transition.</summary>
        public static CutoverTransition Accepted(int rows, string actor) =>
            new(Validate, CutoverStatus.Accepted, "CutoverAccepted", $"{rows} rows valid", actor);

        /// <summary>The Frozen transition.</summary>
        public static CutoverTransition Frozen() => new(Freeze, CutoverStatus.Frozen, "CutoverLegacyFrozen", "legacy_frozen on");

        /// <summary>The Posted transition.</summary>
        public static CutoverTransition Posted(string detail) => new(Post, CutoverStatus.Posted, "CutoverOpeningBalancesPosted", detail);

        /// <summary>The GatesPassed transition.</summary>
        public static CutoverTransition GatesPassed(string detail) => new(Gates, CutoverStatus.GatesPassed, "CutoverGatesPassed", detail);

        /// <summary>The Reconciled transition.</summary>
        public static CutoverTransition Reconciled(string detail) => new(Reconcile, CutoverStatus.Reconciled, "CutoverReconciled", detail);

        /// <summary>The Live transition.</summary>
        public static CutoverTransition Live() => new(GoLive, CutoverStatus.Live, "CutoverLive", "cutover_live on");

        /// <summary>The Failed transition.</summary>
        public static CutoverTransition Failed(string step, string detail) => new(Fail, CutoverStatus.Failed, "CutoverFailed", $"{step}: {detail}");

        /// <summary>The RollbackRequested transition.</summary>
        public static CutoverTransition RollbackRequested(string actor) =>
            new(RollbackRequest, CutoverStatus.RollingBack, "CutoverRollbackRequested", $"rollback asked for by {actor}", actor);

        /// <summary>The RolledBack transition.</summary>
        public static CutoverTransition RolledBack(string detail) => new(Rollback, CutoverStatus.RolledBack, "CutoverRolledBack", detail);

        /// <summary>The RollbackFailed transition.</summary>
        public static CutoverTransition RollbackFailed(string detail) => new(RollbackFail, CutoverStatus.RollbackFailed, "CutoverRollbackFailed", detail);
    }
}
