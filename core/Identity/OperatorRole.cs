namespace WalletFlow.Core.Identity;

/// <summary>An operator's role in the /ops console (design.md §9): what a human may do.</summary>
public enum OperatorRole
{
    /// <summary>Sees everything, runs nothing.</summary>
    Viewer,

    /// <summary>Runs wallet and ledger movements, payouts and gates; requests corrections.</summary>
    Operator,

    /// <summary>What an operator does, and decides: manual payout resolutions, correction approvals.</summary>
    Approver,

    /// <summary>Everything.</summary>
    Admin,
}

/// <summary>The one table of what each role grants.</summary>
public static class OperatorRoles
{
    private static readonly string[] ViewerScopes = [Scopes.WalletsRead, Scopes.ReportsRead];

    private static readonly string[] OperatorScopes =
    [
        .. ViewerScopes, Scopes.WalletsWrite, Scopes.MovementsWrite, Scopes.PayoutsWrite, Scopes.GatesRun, Scopes.CorrectionsRequest,
    ];

    private static readonly string[] ApproverScopes = [.. OperatorScopes, Scopes.PayoutsResolve, Scopes.CorrectionsApprove];

    /// <summary>The scopes <paramref name="role"/> grants.</summary>
    public static IReadOnlyList<string> ScopesOf(OperatorRole role) => role switch
    {
        OperatorRole.Viewer => ViewerScopes,
        OperatorRole.Operator => OperatorScopes,
        OperatorRole.Approver => ApproverScopes,
        OperatorRole.Admin => [Scopes.Admin],
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown operator role."),
    };

    /// <summary>The role's name as stored and typed on the command line (lower case).</summary>
    public static string Name(OperatorRole role) => role.ToString().ToLowerInvariant();

    /// <summary>Parses a role's lower-case name.</summary>
    public static bool TryParse(string? text, out OperatorRole role)
    {
        role = default;
        return text is not null && text.All(char.IsAsciiLetterLower) && Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role);
    }
}
