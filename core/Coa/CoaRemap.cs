namespace WalletFlow.Core.Coa;

/// <summary>Existing ledger accounts whose GL code an import changes.</summary>
/// <param name="FromGl">Their GL code in the current version.</param>
/// <param name="ToGl">Their GL code in the file.</param>
/// <param name="Accounts">How many accounts.</param>
/// <param name="Example">One of them.</param>
public sealed record CoaRemap(string FromGl, string ToGl, int Accounts, string Example);
