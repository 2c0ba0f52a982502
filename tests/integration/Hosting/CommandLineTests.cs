using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Hosting;

/// <summary>The <c>walletflow</c> executable as an operator runs it.</summary>
public class CommandLineTests(FreshDatabase database) : IClassFixture<FreshDatabase>
{
    [Fact]
    public async Task Without_PostgreSQL_binaries_serve_exits_non_zero_with_one_message_naming_the_package_and_the_setting()
    {
        var empty = Directory.CreateTempSubdirectory("walletflow-nobin-").FullName;
        try
        {
            var (exitCode, output) = await WalletFlowProcess.RunAsync(empty,
                new Dictionary<string, string> { ["Postgres__BinDirectory"] = empty });

            Assert.Equal(2, exitCode);
            var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.StartsWith("walletflow: PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found in " + empty, line, StringComparison.Ordinal);
            Assert.Contains("Debian package 'postgresql'", line, StringComparison.Ordinal);
            Assert.Contains("ConnectionStrings__WalletFlow", line, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(empty, ".walletflow")), "nothing may be created when start-up fails");
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public async Task Migrate_brings_a_configured_database_up_to_date_and_exits_zero_twice()
    {
        var env = new Dictionary<string, string> { ["ConnectionStrings__WalletFlow"] = database.ConnectionString };

        var first = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, env, "migrate");
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("Schema current", first.Output, StringComparison.Ordinal);
        Assert.Contains($"database {database.Name}", first.Output, StringComparison.Ordinal);

        var second = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, env, "migrate");
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("0 applied now", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_exits_2_and_says_so()
    {
        var (exitCode, output) = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, null, "frobnicate");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown command or argument 'frobnicate'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_of_the_wrong_type_exits_2_naming_the_key()
    {
        var (exitCode, output) = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory,
            new Dictionary<string, string> { ["ConnectionStrings__WalletFlow"] = database.ConnectionString, ["Postgres__Port"] = "abc" }, "migrate");

        Assert.Equal(2, exitCode);
        Assert.Contains("Postgres:Port", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var (exitCode, output) = await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, null, "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("serve", output, StringComparison.Ordinal);
        Assert.Contains("migrate", output, StringComparison.Ordinal);
    }
}
