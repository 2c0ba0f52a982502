using System.CommandLine;
using WalletFlow.Adapters.Ledger;

namespace WalletFlow.Host.Cli;

/// <summary><c>walletflow ledger verify</c>: recompute the embedded ledger's hash chain and volumes.</summary>
internal static class LedgerCommand
{
    public static Command Create()
    {
        var ledgerOption = new Option<string?>("--ledger") { Description = "Verify only this ledger (default: every ledger)." };
        var verify = new Command("verify", "Recompute the log's hash chain, the postings against the log and every volume from the postings; exit 1 at any mismatch.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        verify.Options.Add(ledgerOption);
        verify.SetAction((parseResult, ct) => CommandRunner.RunAsync(async shutdown =>
        {
            var (services, _) = await WalletFlowHostDefaults.StartCommandAsync(WalletFlowCli.ConfigurationArguments(parseResult), shutdown);
            await using var __ = services;
            var verifier = services.GetRequiredService<LedgerVerifier>();
            var ledgers = parseResult.GetValue(ledgerOption) is { } one ? [one] : await verifier.LedgersAsync(shutdown);
            var failed = 0;
            foreach (var ledger in ledgers)
            {
                var result = await verifier.VerifyAsync(ledger, shutdown);
                if (result.Verified)
                {
                    await Console.Out.WriteLineAsync($"{ledger}: verified ({result.LogEntries} log entries, {result.Transactions} transactions)");
                    continue;
                }
                failed++;
                await Console.Out.WriteLineAsync($"{ledger}: FAILED: {result.Problems[0]}");
                foreach (var more in result.Problems.Skip(1))
                    await Console.Out.WriteLineAsync($"{ledger}:   also: {more}");
            }
            await Console.Out.WriteLineAsync($"{ledgers.Count - failed} verified, {failed} failed");
            return failed == 0 ? CommandRunner.Ok : CommandRunner.Failed;
        }, ct));

        var command = new Command("ledger", "The embedded ledger.");
        command.Subcommands.Add(verify);
        return command;
    }
}
