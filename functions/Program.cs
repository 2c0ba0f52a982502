using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using WalletFlow.Functions;

// The Azure Functions isolated worker (functions/README.md). Everything but the triggers comes from
// the one shared registration, AddWalletFlow, as in host/.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
WalletFlowFunctionsHost.Configure(builder.Services, builder.Configuration);
await builder.Build().RunAsync();
