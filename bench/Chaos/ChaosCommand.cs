using System.Globalization;
using WalletFlow.Chaos;

namespace WalletFlow.Bench.Chaos;

/// <summary>
/// <c>dotnet run -c Release --project bench -- chaos --cycles 20 --payouts 1000 [--seed N] [--crash-cycle K] [--min-uptime S] [--max-uptime S]</c>:
/// the full crash harness (issue 15 scope 5). Exit code 0 only when every invariant holds.
/// </summary>
public static class ChaosCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var cycles = 20;
        var payouts = 1000;
        var seed = ChaosOptions.SeedFromEnvironment();
        var crashCycle = -1;
        double? minUptime = null, maxUptime = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--cycles": cycles = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--payouts": payouts = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--crash-cycle": crashCycle = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--min-uptime": minUptime = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--max-uptime": maxUptime = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                default:
                    await Console.Error.WriteLineAsync($"unknown argument {args[i]}; usage: chaos [--cycles N] [--payouts N] [--seed N] [--crash-cycle K (0: none)] [--min-uptime s] [--max-uptime s]");
                    return 2;
            }
        }
        var options = new ChaosOptions(cycles, payouts, seed) { CrashClusterInCycle = crashCycle };
        if (minUptime is { } min)
            options = options with { MinUptime = TimeSpan.FromSeconds(min) };
        if (maxUptime is { } max)
            options = options with { MaxUptime = TimeSpan.FromSeconds(max) };
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var report = await ChaosRun.RunAsync(options, Console.WriteLine, cancel.Token);
        foreach (var line in report.Lines())
            Console.WriteLine(line);
        return report.TotalViolations == 0 ? 0 : 1;
    }
}
