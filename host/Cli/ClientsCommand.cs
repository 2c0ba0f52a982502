using System.CommandLine;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Ports;

namespace WalletFlow.Host.Cli;

/// <summary>
/// <c>walletflow clients add NAME --scopes a,b</c> prints a new API key (once; only its hash is kept),
/// <c>clients list</c> shows every client, <c>clients revoke NAME</c> stops a key working. They run
/// against the same database as <c>serve</c> (the same configuration), beside a running server.
/// </summary>
internal static class ClientsCommand
{
    public static Command Create()
    {
        var command = new Command("clients", "API clients: the programs that call walletflow with a key (Authorization: Bearer wf_…).");
        command.Subcommands.Add(CreateAdd());
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateRevoke());
        return command;
    }

    private static Command CreateAdd()
    {
        var name = new Argument<string>("name") { Description = IdentityNames.Rule + "." };
        var scopes = new Option<string>("--scopes") { Description = $"Comma-separated: {string.Join(", ", Scopes.All)}.", Required = true };
        var add = new Command("add", "Make an API client and print its key (shown once).") { TreatUnmatchedTokensAsErrors = false };
        add.Arguments.Add(name);
        add.Options.Add(scopes);
        add.SetAction((parseResult, ct) => CommandRunner.RunAsync(async shutdown =>
        {
            var (services, _) = await WalletFlowHostDefaults.StartCommandAsync(WalletFlowCli.ConfigurationArguments(parseResult), shutdown);
            await using var __ = services;
            var requested = (parseResult.GetValue(scopes) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var made = await services.GetRequiredService<AddApiClient>().RunAsync(parseResult.GetValue(name), requested, CliActor, shutdown);
            if (!made.TryGetValue(out var client, out var rejected))
                return await RefusedAsync(rejected.Message);
            await Console.Out.WriteLineAsync(client.Key);
            await Console.Error.WriteLineAsync(
                $"API client '{client.Client.Name}' ({client.Client.ClientId}) with {string.Join(",", client.Client.Scopes)}. The key above is shown once: only its hash is kept.");
            return CommandRunner.Ok;
        }, ct));
        return add;
    }

    private static Command CreateList()
    {
        var list = new Command("list", "List API clients (never their keys).") { TreatUnmatchedTokensAsErrors = false };
        list.SetAction((parseResult, ct) => CommandRunner.RunAsync(async shutdown =>
        {
            var (services, _) = await WalletFlowHostDefaults.StartCommandAsync(WalletFlowCli.ConfigurationArguments(parseResult), shutdown);
            await using var __ = services;
            foreach (var client in await services.GetRequiredService<IApiClientStore>().ListAsync(shutdown))
            {
                var state = client.RevokedAt is { } at ? $"revoked {at:u} by {client.RevokedBy}" : "live";
                await Console.Out.WriteLineAsync($"{client.Name}\t{client.ClientId}\t{string.Join(",", client.Scopes)}\t{state}\tcreated {client.CreatedAt:u} by {client.CreatedBy}");
            }
            return CommandRunner.Ok;
        }, ct));
        return list;
    }

    private static Command CreateRevoke()
    {
        var name = new Argument<string>("name") { Description = "The live client to revoke." };
        var revoke = new Command("revoke", "Revoke an API client: its key stops working (within Identity:KeyCacheSeconds on running servers).") { TreatUnmatchedTokensAsErrors = false };
        revoke.Arguments.Add(name);
        revoke.SetAction((parseResult, ct) => CommandRunner.RunAsync(async shutdown =>
        {
            var (services, _) = await WalletFlowHostDefaults.StartCommandAsync(WalletFlowCli.ConfigurationArguments(parseResult), shutdown);
            await using var __ = services;
            var revoked = await services.GetRequiredService<RevokeApiClient>().RunAsync(parseResult.GetValue(name), CliActor, shutdown);
            if (!revoked.TryGetValue(out var client, out var rejected))
                return await RefusedAsync(rejected.Message);
            await Console.Out.WriteLineAsync($"Revoked API client '{client.Name}' ({client.ClientId}).");
            return CommandRunner.Ok;
        }, ct));
        return revoke;
    }

    /// <summary>Who ran a command from the shell: the OS user, as the audit of what they made.</summary>
    internal static string CliActor => "cli:" + Environment.UserName;

    internal static async Task<int> RefusedAsync(string message)
    {
        await Console.Error.WriteLineAsync($"walletflow: {message}");
        return CommandRunner.Failed;
    }
}
