using System.Net.Http.Headers;
using System.Numerics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Adapters.Ledger.Formance;
using WalletFlow.Core.Ports;
using WalletFlow.Tests.Integration.Contracts;
using LedgerTransaction = WalletFlow.Adapters.Ledger.LedgerTransaction;

namespace WalletFlow.Tests.Integration.LedgerContract;

/// <summary>
/// A Formance-compatible server over real HTTP, through the production Formance adapter: the Refit
/// client as <see cref="LedgerServiceCollectionExtensions.AddWalletFlowLedger"/> registers it (its
/// retries, timeouts and JSON), from <c>Ledger:Formance:BaseUrl</c>.
/// </summary>
public sealed class FormanceHttpDriver : ILedgerDriver, IDisposable
{
    private readonly ServiceProvider _services;
    private readonly FormanceLedgerClient _client;

    /// <param name="baseUrl">The server's base URL (the one serving <c>v2/...</c>).</param>
    /// <param name="target">What the driver talks to, for test output.</param>
    /// <param name="settings">More <c>Ledger:*</c> settings (credentials, timeouts).</param>
    /// <param name="bearer">A token every request carries as <c>Authorization: Bearer</c> (walletflow's ledger API wants a <c>ledger:admin</c> key).</param>
    /// <param name="checkContract">Check every answer against the Formance contract (<see cref="FormanceContract"/>): one it does not declare fails the test.</param>
    public FormanceHttpDriver(Uri baseUrl, string target, IDictionary<string, string?>? settings = null, string? bearer = null, bool checkContract = false)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        Target = target;
        var values = new Dictionary<string, string?>
        {
            ["Ledger:Mode"] = "Formance",
            ["Ledger:Formance:BaseUrl"] = baseUrl.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        // Innermost, after the adapter's own handlers: every attempt's answer is checked as the wire carried it.
        if (checkContract)
            services.AddFormanceLedgerClient().AddHttpMessageHandler(() => FormanceContract.Handler(baseUrl));
        services.AddWalletFlowLedger(configuration);
        if (bearer is not null)
            services.ConfigureHttpClientDefaults(http => http.ConfigureHttpClient(c => c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer)));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
        var options = _services.GetRequiredService<IOptions<LedgerOptions>>().Value; // validates Ledger:*
        Assert.Equal(LedgerMode.Formance, options.Mode);
        _client = _services.GetRequiredService<FormanceLedgerClient>();
    }

    public string Target { get; }

    public FormanceLedgerClient Client => _client;

    public Task<LedgerResult<bool>> CreateLedgerAsync(string ledger, CancellationToken ct) => _client.CreateLedgerAsync(ledger, null, ct);

    public Task<LedgerResult<LedgerTransaction>> CreateTransactionAsync(string ledger, CreateTransaction request, string? idempotencyKey, CancellationToken ct) =>
        _client.CreateTransactionAsync(ledger, request, idempotencyKey, ct);

    public Task<LedgerResult<LedgerTransaction>> GetTransactionAsync(string ledger, long id, bool withVolumes, CancellationToken ct) =>
        _client.GetTransactionAsync(ledger, id, withVolumes, ct);

    public Task<LedgerResult<LedgerPage<LedgerTransaction>>> ListTransactionsAsync(string ledger, LedgerQuery query, CancellationToken ct) =>
        _client.ListTransactionsAsync(ledger, query, ct);

    public Task<LedgerResult<LedgerTransaction>> RevertTransactionAsync(string ledger, long id, bool force, CancellationToken ct, string? idempotencyKey = null) =>
        _client.RevertTransactionAsync(ledger, id, force, idempotencyKey, ct);

    public Task<LedgerResult<bool>> SetTransactionMetadataAsync(string ledger, long id, IReadOnlyDictionary<string, string> metadata, CancellationToken ct) =>
        _client.SetTransactionMetadataAsync(ledger, id, metadata, ct);

    public Task<LedgerResult<bool>> DeleteTransactionMetadataAsync(string ledger, long id, string key, CancellationToken ct) =>
        _client.DeleteTransactionMetadataAsync(ledger, id, key, ct);

    public Task<LedgerResult<LedgerAccount>> GetAccountAsync(string ledger, string address, DateTimeOffset? pointInTime, bool withVolumes, CancellationToken ct) =>
        _client.GetAccountAsync(ledger, address, pointInTime, withVolumes, ct);

    public Task<LedgerResult<LedgerPage<LedgerAccount>>> ListAccountsAsync(string ledger, LedgerQuery query, bool withVolumes, CancellationToken ct) =>
        _client.ListAccountsAsync(ledger, query, withVolumes, ct);

    public Task<LedgerResult<bool>> SetAccountMetadataAsync(string ledger, string address, IReadOnlyDictionary<string, string> metadata, CancellationToken ct) =>
        _client.SetAccountMetadataAsync(ledger, address, metadata, ct);

    public Task<LedgerResult<bool>> DeleteAccountMetadataAsync(string ledger, string address, string key, CancellationToken ct) =>
        _client.DeleteAccountMetadataAsync(ledger, address, key, ct);

    public Task<LedgerResult<IReadOnlyDictionary<string, BigInteger>>> AggregateBalancesAsync(string ledger, LedgerQuery query, DateTimeOffset? pointInTime, CancellationToken ct) =>
        _client.AggregateBalancesAsync(ledger, query, pointInTime, ct);

    public ILedger Port(string ledger) => new FormanceLedger(_client, Options.Create(new LedgerOptions { Mode = LedgerMode.Formance, Name = ledger }));

    public void Dispose() => _services.Dispose();
}
