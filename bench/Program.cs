using BenchmarkDotNet.Running;
using WalletFlow.Bench.LedgerLoad;

if (args is ["ledger-load", .. var rest])
    return await LedgerLoadCommand.RunAsync(rest);

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
