using BenchmarkDotNet.Running;
using WalletFlow.Bench.LedgerLoad;

if (args is ["ledger-load", .. var rest])
    return await LedgerLoadCommand.RunAsync(rest);
if (args is ["payouts", .. var payoutArgs]) return await WalletFlow.Bench.Payouts.PayoutsBenchCommand.RunAsync(payoutArgs);
if (args is ["gates", .. var gateArgs]) return await WalletFlow.Bench.Gates.GatesBenchCommand.RunAsync(gateArgs);
if (args is ["chaos", .. var chaosArgs]) return await WalletFlow.Bench.Chaos.ChaosCommand.RunAsync(chaosArgs);
if (args is ["http-load", .. var httpArgs]) return await WalletFlow.Bench.HttpLoad.HttpLoadCommand.RunAsync(httpArgs);
if (args is ["cutover", .. var cutoverArgs]) return await WalletFlow.Bench.Cutover.CutoverBenchCommand.RunAsync(cutoverArgs);

BenchmarkSwitcher.FromAssembly(typeof(LedgerLoadCommand).Assembly).Run(args);
return 0;
