using BenchmarkDotNet.Attributes;
using WalletFlow.Numscript;

namespace WalletFlow.Bench;

/// <summary>
/// Parse, and execute with the parse cached, for the two shapes the ledger runs most: a pay-in with
/// a fee split and a transfer drawing from an in-order source.
/// </summary>
[MemoryDiagnoser]
public class NumscriptBenchmarks
{
    private const string PayIn = """
        vars {
          monetary $amount
          portion $fee
          account $merchant
        }
        send $amount (
          source = @psp:settlement allowing unbounded overdraft
          destination = {
            $fee to {
              max [NGN/2 200000] to @platform:fees
              remaining to $merchant
            }
            remaining to $merchant
          }
        )
        set_tx_meta("kind", "pay-in")
        """;

    private const string Transfer = """
        vars {
          monetary $amount
          account $from
          account $to
        }
        send $amount (
          source = {
            $from
            @wallets:credit allowing overdraft up to [NGN/2 50000]
            @wallets:vouchers
          }
          destination = $to
        )
        """;

    private readonly ParsedScriptCache _cache = new();
    private readonly Dictionary<string, string> _payInVars = new()
    {
        ["amount"] = "NGN/2 1500000", ["fee"] = "1.5%", ["merchant"] = "merchants:42:main",
    };
    private readonly Dictionary<string, string> _transferVars = new()
    {
        ["amount"] = "NGN/2 120000", ["from"] = "wallets:alice:main", ["to"] = "wallets:bob:main",
    };
    private readonly InMemoryAccountStore _store = new InMemoryAccountStore()
        .SetBalance("wallets:alice:main", "NGN/2", 100000)
        .SetBalance("wallets:vouchers", "NGN/2", 1000000);

    [Benchmark]
    public ParsedScript ParsePayIn() => ParsedScript.Parse(PayIn);

    [Benchmark]
    public ParsedScript ParseTransfer() => ParsedScript.Parse(Transfer);

    [Benchmark]
    public NumscriptResult ExecutePayIn() => NumscriptInterpreter.Run(_cache.GetOrParse(PayIn), _payInVars, _store);

    [Benchmark]
    public NumscriptResult ExecuteTransfer() => NumscriptInterpreter.Run(_cache.GetOrParse(Transfer), _transferVars, _store);
}
