using System.CommandLine;
using System.Text.Json;
using WalletFlow.Core.Coa;
using WalletFlow.Core.Gates;

namespace WalletFlow.Host.Cli;

/// <summary>
/// <c>walletflow gates run</c>: publish the seed chart of accounts into an empty database, run the four
/// reconciliation gates once, store the run, print it (design.md §8's JSON, then one line per gate)
/// and exit 0 when every gate passed, 1 when one failed, 2 on a configuration error.
/// </summary>
internal static class GatesCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var run = new Command("run", "Run the four reconciliation gates once; exit 1 when one fails (a failed books-foot or holds-match gate pauses payouts).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        run.SetAction((parseResult, ct) => CommandRunner.RunAsync(async shutdown =>
        {
            var (services, _) = await WalletFlowHostDefaults.StartCommandAsync(WalletFlowCli.ConfigurationArguments(parseResult), shutdown);
            await using var __ = services;
            await services.GetRequiredService<CoaSeedSync>().SyncAsync(shutdown);
            var result = await services.GetRequiredService<GateRunner>().RunAsync("cli", shutdown);
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            foreach (var gate in result.Gates)
                await Console.Out.WriteLineAsync($"{gate.Gate}: {(gate.Passed ? "passed" : $"FAILED ({gate.Details.Count})")}");
            return result.Passed ? CommandRunner.Ok : CommandRunner.Failed;
        }, ct));

        var command = new Command("gates", "The reconciliation gates (books foot, holds match, statements match, COA coverage).");
        command.Subcommands.Add(run);
        return command;
    }
}
