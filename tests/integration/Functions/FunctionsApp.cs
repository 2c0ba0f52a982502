using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Adapters.Postgres;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Wallets;
using WalletFlow.Functions;
using WalletFlow.Tests.Integration.Infrastructure;
using WalletFlow.Tests.Integration.UseCases;

namespace WalletFlow.Tests.Integration.Functions;

/// <summary>
/// The Functions app's container (<see cref="WalletFlowFunctionsHost.Configure"/>, the registration
/// Program.cs uses) over a fresh migrated database: functions are constructed from it and called
/// directly, as the Functions host would after binding.
/// </summary>
public sealed class FunctionsApp(PostgresServer server) : IAsyncDisposable
{
    private readonly FreshDatabase _database = new(server);
    private ServiceProvider _services = null!;

    public IServiceProvider Services => _services;

    public NpgsqlDataSource Db => _database.DataSource;

    public static async Task<FunctionsApp> StartAsync(PostgresServer server)
    {
        var app = new FunctionsApp(server);
        await app._database.InitializeAsync();
        await app._database.MigrateAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [PostgresOptions.ConnectionStringKey] = app._database.ConnectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        WalletFlowFunctionsHost.Configure(services, configuration);
        app._services = services.BuildServiceProvider();
        await app._services.GetRequiredService<WalletFlowDatabase>().StartAsync(CancellationToken.None);
        return app;
    }

    public T Create<T>() where T : class => ActivatorUtilities.CreateInstance<T>(_services);

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>An NGN wallet with <paramref name="funds"/> paid in.</summary>
    public async Task<string> FundedWalletAsync(string funds = "1000.00")
    {
        var walletId = UseCaseFixture.NewId("w");
        var opened = await Get<OpenWallet>().RunAsync(new OpenWalletRequest(walletId, UseCaseFixture.NewId("owner"), "NGN"), CancellationToken.None);
        Assert.True(opened.IsSuccess, opened.ToString());
        var paid = await Get<PayIn>().RunAsync(new PayInRequest(UseCaseFixture.Key(), walletId, funds, "NGN", "banks:gtbank", UseCaseFixture.NewId("ext")), CancellationToken.None);
        Assert.True(paid.IsSuccess, paid.ToString());
        return walletId;
    }

    /// <summary>The host every test request is addressed to.</summary>
    public const string Host = "functions.test";

    /// <summary>The request an HTTP trigger binds: <c>http://functions.test{path}</c>, JSON body, optional Idempotency-Key and other headers.</summary>
    public HttpRequest Request(string method, string path, string? json = null, string? idempotencyKey = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString(Host);
        context.Request.Path = path;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            context.Request.Headers[name] = value;
        if (json is not null)
        {
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        }
        if (idempotencyKey is not null)
            context.Request.Headers["Idempotency-Key"] = idempotencyKey;
        return context.Request;
    }

    /// <summary>
    /// Runs a trigger's answer as ASP.NET Core would write it (the integration executes the returned
    /// <see cref="IResult"/>): the status, the headers and the JSON body on the wire.
    /// </summary>
    public static async Task<(int Status, IHeaderDictionary Headers, JsonDocument Body)> WriteAsync(IResult result, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(request);
        var response = request.HttpContext.Response;
        var body = new MemoryStream();
        response.Body = body;
        await result.ExecuteAsync(request.HttpContext);
        body.Position = 0;
        return (response.StatusCode, response.Headers, await JsonDocument.ParseAsync(body));
    }

    public async Task<IReadOnlyList<object?[]>> RowsAsync(string sql, params object[] parameters)
    {
        await using var command = Db.CreateCommand(sql);
        foreach (var p in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
