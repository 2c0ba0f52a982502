using WalletFlow.Host.Cli;

return await WalletFlowCli.InvokeAsync(args);
