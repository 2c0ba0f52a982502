using System.CommandLine;
using WalletFlow.Core.Reserves;

namespace WalletFlow.Host.Cli;

/// <summary>
/// <c>walletflow reserves set OWNER --rate-bps N --hold-days N</c> sets an owner's rolling-reserve policy
/// (the same use case as POST /v1/reserve-policies; the actor is <c>cli:</c> and the OS user);
/// <c>reserves list [--owner OWNER]</c> prints the policies. Against the same database as <c>serve</c>.
/// </summary>
internal static class ReservesCommand
{
    public static Command Create()
    {
        var command = new Command("reserves", "Rolling-reserve policies: the share of each pay-in an owner's wallets keep in reserve, and for how long.");
        command.Subcommands.Add(CreateSet());
        command.Subcommands.Add(CreateList());
        return command;
    }

    private static Command CreateSet()
    {
        var owner = new Argument<string>("owner") { Description = "An owner some wallet belongs to." };
        var rate = new Option<int>("--rate-bps") { Description = $"Basis points of each pay-in kept in reserve: 0–{SetReservePolicy.MaxRateBps} (10000 = 100 %).", Required = true };
        var days = new Option<int>("--hold-days") { Description = $"Days a tranche stays in reserve: 0–{SetReservePolicy.MaxHoldDays}.", Required = true };
        var set = new Command("set", "Set (insert or replace) an owner's reserve policy; later pay-ins follow it.") { TreatUnmatchedTokensAsErrors = false };
        set.Arguments.Add(owner);
        set.Options.Add(rate);
        set.Options.Add(days);
        set.SetAction((parseResult, ct) => CommandRunner.RunAsync(async shutdown =>
        {
            var (services, _) = await WalletFlowHostDefaults.StartCommandAsync(WalletFlowCli.ConfigurationArguments(parseResult), shutdown);
            await using var __ = services;
            var request = new SetReservePolicyRequest(parseResult.GetValue(owner), parseResult.GetValue(rate), parseResult.GetValue(days));
            var policy = await services.GetRequiredService<SetReservePolicy>().RunAsync(request, ClientsCommand.CliActor, shutdown);
            if (!policy.TryGetValue(out var stored, out var rejected))
                return await ClientsCommand.RefusedAsync(rejected.Message);
            await Console.Out.WriteLineAsync(Line(stored));
            return CommandRunner.Ok;
        }, ct));
        return set;
    }

    private static Command CreateList()
    {
        var owner = new Option<string?>("--owner") { Description = "Only this owner's policy." };
        var list = new Command("list", "List reserve policies by owner id: owner, rate (bps), hold (days), last change.") { TreatUnmatchedTokensAsErrors = false };
        list.Options.Add(owner);
        list.SetAction((parseResult, ct) => CommandRunner.RunAsync(async shutdown =>
        {
            var (services, _) = await WalletFlowHostDefaults.StartCommandAsync(WalletFlowCli.ConfigurationArguments(parseResult), shutdown);
            await using var __ = services;
            var listed = await services.GetRequiredService<ReservePolicies>().ListAsync(parseResult.GetValue(owner), shutdown);
            if (!listed.TryGetValue(out var policies, out var rejected))
                return await ClientsCommand.RefusedAsync(rejected.Message);
            foreach (var policy in policies)
                await Console.Out.WriteLineAsync(Line(policy));
            return CommandRunner.Ok;
        }, ct));
        return list;
    }

    private static string Line(ReservePolicyRecord policy) =>
        $"{policy.OwnerId}\t{policy.RateBps} bps\t{policy.HoldDays} days\tset {policy.UpdatedAt:u} by {policy.UpdatedBy ?? "(sql)"}";
}
