using System.Text.Json;
using System.Xml.Linq;

namespace WalletFlow.Tests.Unit.Architecture;

/// <summary>
/// design.md §1: dependencies point down only. core references nothing but the BCL; orchestrations
/// references core and Microsoft.DurableTask.Abstractions only, so workflows cannot do I/O. Checked on
/// the project files and on what NuGet actually resolved (project.assets.json), which also catches a
/// package slipped in through Directory.Build.props or a project reference. functions/ shares the v1
/// HTTP contract through api/, never through host/ (the walletflow executable).
/// </summary>
public class DependencyRuleTests
{
    private static readonly string[] IoOrFrameworkPackages =
    [
        "Npgsql", "Refit", "Microsoft.AspNetCore", "Microsoft.DurableTask", "Microsoft.Azure", "Grpc",
        "Azure.", "AWSSDK", "dbup", "Dapper", "Microsoft.EntityFrameworkCore", "System.Data.SqlClient",
        "Microsoft.Extensions.Http", "Polly", "Testcontainers",
    ];

    [Fact]
    public void Core_references_no_package_no_project_and_no_framework_beyond_the_BCL()
    {
        var project = Project.Load("core", "WalletFlow.Core.csproj");

        Assert.Empty(project.PackageReferences);
        Assert.Empty(project.ProjectReferences);
        Assert.Empty(project.FrameworkReferences);
        Assert.Empty(project.ResolvedPackages);
        Assert.Empty(project.ResolvedProjects);
    }

    [Fact]
    public void Orchestrations_reference_only_core_and_the_Durable_Task_abstractions()
    {
        var project = Project.Load("orchestrations", "WalletFlow.Orchestrations.csproj");

        Assert.Equal(["Microsoft.DurableTask.Abstractions"], project.PackageReferences);
        Assert.Equal(["WalletFlow.Core.csproj"], project.ProjectReferences.Select(p => p.Split('\\', '/')[^1]));
        Assert.Empty(project.FrameworkReferences);
        Assert.Equal(["Microsoft.DurableTask.Abstractions"], project.DirectResolvedPackages);
        Assert.Equal(["WalletFlow.Core"], project.ResolvedProjects);
    }

    [Fact]
    public void Nothing_orchestrations_resolve_transitively_does_IO_beyond_the_abstractions_own_runtime()
    {
        var project = Project.Load("orchestrations", "WalletFlow.Orchestrations.csproj");

        // The abstractions bring DurableTask.Core (the orchestration runtime types) with them; that is
        // the allowed exception. Anything else that talks to a network or database is not.
        var offending = project.ResolvedPackages
            .Where(p => p != "Microsoft.DurableTask.Abstractions" && p != "Microsoft.Azure.DurableTask.Core")
            .Where(p => IoOrFrameworkPackages.Any(bad => p.StartsWith(bad, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.Empty(offending);
    }

    [Fact]
    public void Functions_take_the_HTTP_contract_from_api_and_do_not_reference_the_host()
    {
        var project = Project.Load("functions", "WalletFlow.Functions.csproj");

        // host/ is the walletflow executable; referencing it would ship it (and its dependencies) in
        // the Functions app. Both hosts share the v1 contract through api/ instead.
        Assert.Contains("WalletFlow.Api.csproj", project.ProjectReferences.Select(FileName));
        Assert.DoesNotContain("WalletFlow.Host.csproj", project.ProjectReferences.Select(FileName));
        Assert.Contains("WalletFlow.Api", project.ResolvedProjects);
        Assert.DoesNotContain("WalletFlow.Host", project.ResolvedProjects);
    }

    [Fact]
    public void Api_references_only_core_and_no_host()
    {
        var project = Project.Load("api", "WalletFlow.Api.csproj");

        Assert.Equal(["WalletFlow.Core.csproj"], project.ProjectReferences.Select(FileName));
        Assert.Equal(["WalletFlow.Core"], project.ResolvedProjects);
        Assert.Equal(["Microsoft.AspNetCore.App"], project.FrameworkReferences);
    }

    [Theory]
    [InlineData("Npgsql", true)]
    [InlineData("Refit", true)]
    [InlineData("Microsoft.AspNetCore.OpenApi", true)]
    [InlineData("Microsoft.DurableTask.Worker", true)]
    [InlineData("System.Collections.Immutable", false)]
    public void The_IO_package_list_recognises_what_it_must(string package, bool banned) =>
        Assert.Equal(banned, IoOrFrameworkPackages.Any(bad => package.StartsWith(bad, StringComparison.OrdinalIgnoreCase)));

    private static string FileName(string projectPath) => projectPath.Split('\\', '/')[^1];

    private sealed record Project(
        IReadOnlyList<string> PackageReferences,
        IReadOnlyList<string> ProjectReferences,
        IReadOnlyList<string> FrameworkReferences,
        IReadOnlyList<string> ResolvedPackages,
        IReadOnlyList<string> DirectResolvedPackages,
        IReadOnlyList<string> ResolvedProjects)
    {
        public static Project Load(string folder, string file)
        {
            var csproj = XDocument.Load(RepositoryPaths.Combine(folder, file));
            List<string> Items(string name) => csproj.Descendants(name)
                .Select(e => (string?)e.Attribute("Include") ?? "").Order(StringComparer.Ordinal).ToList();

            var assetsPath = RepositoryPaths.Combine(folder, "obj", "project.assets.json");
            Assert.True(File.Exists(assetsPath), $"{assetsPath} is missing: restore the solution before running tests.");
            using var assets = JsonDocument.Parse(File.ReadAllText(assetsPath));
            var libraries = assets.RootElement.GetProperty("libraries").EnumerateObject()
                .Select(l => (name: l.Name.Split('/')[0], type: l.Value.GetProperty("type").GetString()))
                .ToList();
            var direct = assets.RootElement.GetProperty("project").GetProperty("frameworks").EnumerateObject()
                .SelectMany(f => f.Value.TryGetProperty("dependencies", out var d) ? d.EnumerateObject().Select(p => p.Name) : [])
                .Distinct().Order(StringComparer.Ordinal).ToList();

            return new Project(
                Items("PackageReference"),
                Items("ProjectReference"),
                Items("FrameworkReference"),
                libraries.Where(l => l.type == "package").Select(l => l.name).Order(StringComparer.Ordinal).ToList(),
                direct,
                libraries.Where(l => l.type == "project").Select(l => l.name).Order(StringComparer.Ordinal).ToList());
        }
    }
}
