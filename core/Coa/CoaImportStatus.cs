namespace WalletFlow.Core.Coa;

/// <summary>What an import did.</summary>
public enum CoaImportStatus
{
    /// <summary>A dry run: reported, nothing stored.</summary>
    DryRun,

    /// <summary>The file is the current version already (chart and event→GL map): nothing stored.</summary>
    Unchanged,

    /// <summary>Existing ledger accounts would change GL code or lose theirs, and that was not confirmed: nothing stored.</summary>
    NeedsConfirmation,

    /// <summary>Stored as a new version.</summary>
    Applied,
}
