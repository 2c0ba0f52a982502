using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Postgres;
using WalletFlow.Functions;

// The Azure Functions isolated worker (functions/README.md). Everything but the triggers comes from
// the one shared registration, AddWalletFlow, as in host/.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
WalletFlowFunctionsHost.Configure(builder.Services, builder.Configuration);
var app = builder.Build();
// What host/'s serve does before anything listens (WalletFlowHostDefaults.PrepareDatabaseAsync): every
// option validated (a wrong setting stops the worker, named by its key), the database connected and
// migrated (DbUp, serialised across instances by an advisory lock). Without it no function could run.
app.Services.GetRequiredService<IStartupValidator>().Validate();
await app.Services.GetRequiredService<WalletFlowDatabase>().StartAsync(CancellationToken.None);
await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
await app.RunAsync();
