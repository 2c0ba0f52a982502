using System.CommandLine;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Ports;

namespace WalletFlow.Host.Cli;

/// <summary>
/// <c>walletflow operators add NAME --role viewer|operator|approver|admin --password-stdin</c> adds a
/// person who signs in to /ops (the password is read from standard input, never from the command
/// line, where other users and the shell history would see it); <c>operators list</c> shows them.
/// </summary>
internal static class OperatorsCommand
{
    public static Command Create()
    {
        var command = new Command("operators", "Operator accounts: the people who run the money through /ops.");
        command.Subcommands.Add(CreateAdd());
        command.Subcommands.Add(CreateList());
        return command;
    }

    private static Command CreateAdd()
    {
        var name = new Argument<string>("name") { Description = IdentityNames.Rule + "." };
        var role = new Option<string>("--role") { Description = "viewer, operator, approver or admin.", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (the first line).", Required = true };
        var add = new Command("add", "Add an operator account.") { TreatUnmatchedTokensAsErrors = false };
        add.Arguments.Add(name);
        add.Options.Add(role);
        add.Options.Add(passwordStdin);
        add.SetAction((parseResult, ct) => CommandRunner.RunAsync(async shutdown =>
        {
            if (!parseResult.GetValue(passwordStdin))
                throw new CliUsageException("Pass the password on standard input with --password-stdin.");
            var password = await Console.In.ReadLineAsync(shutdown);
            var (services, _) = await WalletFlowHostDefaults.StartCommandAsync(WalletFlowCli.ConfigurationArguments(parseResult), shutdown);
            await using var __ = services;
            var added = await services.GetRequiredService<AddOperator>().RunAsync(parseResult.GetValue(name), parseResult.GetValue(role), password, shutdown);
            if (!added.TryGetValue(out var account, out var rejected))
                return await ClientsCommand.RefusedAsync(rejected.Message);
            await Console.Out.WriteLineAsync($"Added operator '{account.Name}' with role {OperatorRoles.Name(account.Role)}.");
            return CommandRunner.Ok;
        }, ct));
        return add;
    }

    private static Command CreateList()
    {
        var list = new Command("list", "List operator accounts and their lock-out state.") { TreatUnmatchedTokensAsErrors = false };
        list.SetAction((parseResult, ct) => CommandRunner.RunAsync(async shutdown =>
        {
            var (services, _) = await WalletFlowHostDefaults.StartCommandAsync(WalletFlowCli.ConfigurationArguments(parseResult), shutdown);
            await using var __ = services;
            var now = DateTimeOffset.UtcNow;
            foreach (var account in await services.GetRequiredService<IOperatorStore>().ListAsync(shutdown))
            {
                var state = account.LockedUntil > now ? $"locked until {account.LockedUntil:u}" : "active";
                await Console.Out.WriteLineAsync($"{account.Name}\t{OperatorRoles.Name(account.Role)}\t{state}\tcreated {account.CreatedAt:u}");
            }
            return CommandRunner.Ok;
        }, ct));
        return list;
    }
}
