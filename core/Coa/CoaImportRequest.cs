namespace WalletFlow.Core.Coa;

/// <summary>A chart of accounts to import (seed/coa.csv's columns), and how far to go.</summary>
/// <param name="Csv">The file's text.</param>
/// <param name="Source">Where it came from, stored with the version (<c>walletflow coa import my-coa.csv</c>).</param>
/// <param name="Actor">Who imports it, stored with the version.</param>
/// <param name="DryRun">Report only: validate and compare, store nothing.</param>
/// <param name="AcceptDrift">Store it even when existing ledger accounts would change GL code or lose theirs (the operator saw the report and confirms).</param>
public sealed record CoaImportRequest(string Csv, string Source, string? Actor, bool DryRun, bool AcceptDrift);
