using WalletFlow.Numscript;

namespace WalletFlow.Tests.Unit.Numscript;

/// <summary>
/// The parsed-script cache stays within its entry and byte bounds whatever it is sent, keeps the
/// scripts in use (templates) and lets ad-hoc ones go first.
/// </summary>
public sealed class ParsedScriptCacheTests
{
    private static string Script(int n, int padding = 0) =>
        $"set_tx_meta(\"n\", {n})\n" + (padding > 0 ? "//" + new string('x', padding) : "");

    private static long SizeOf(string script) => 2L * script.Length;

    [Fact]
    public void The_same_text_is_parsed_once_and_answered_from_the_cache()
    {
        var cache = new ParsedScriptCache();

        var first = cache.GetOrParse(Script(1));

        Assert.Same(first, cache.GetOrParse(Script(1)));
        Assert.Equal((1, SizeOf(Script(1))), (cache.Count, cache.Bytes));
    }

    [Fact]
    public void At_its_entry_bound_the_least_recently_used_script_goes_first()
    {
        var cache = new ParsedScriptCache(capacity: 3);
        var template = cache.GetOrParse(Script(0));
        cache.GetOrParse(Script(1));
        cache.GetOrParse(Script(2));

        cache.GetOrParse(Script(0));
        cache.GetOrParse(Script(3));

        Assert.Equal(3, cache.Count);
        Assert.Same(template, cache.GetOrParse(Script(0)));
        Assert.Equal(3, cache.Count);
        // Script 1 was the least recently used: asking again parses it anew.
        var again = cache.GetOrParse(Script(1));
        Assert.True(again.IsValid);
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public void At_its_byte_bound_it_evicts_until_the_new_script_fits()
    {
        var small = Script(0);
        var large = Script(1, padding: 10_000);
        var budget = SizeOf(large) + SizeOf(small) + 1;
        var cache = new ParsedScriptCache(capacity: 1_000, maxBytes: budget);
        var kept = cache.GetOrParse(small);
        for (var n = 10; n < 15; n++)
            cache.GetOrParse(Script(n));
        cache.GetOrParse(small);

        cache.GetOrParse(large);

        // The five scripts not used since went; the one used just before stayed.
        Assert.Same(kept, cache.GetOrParse(small));
        Assert.Equal(SizeOf(large) + SizeOf(small), cache.Bytes);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void By_default_it_holds_1024_scripts_and_8_MiB_of_their_text()
    {
        var cache = new ParsedScriptCache();
        for (var n = 0; n < 1_100; n++)
            cache.GetOrParse(Script(n));
        Assert.Equal(ParsedScriptCache.DefaultCapacity, cache.Count);

        // 200 scripts of 60,000 characters are 24 MB of text: the byte bound keeps as many as fit in 8 MiB.
        var large = new ParsedScriptCache();
        for (var n = 0; n < 200; n++)
            large.GetOrParse(Script(n, padding: 60_000));
        Assert.InRange(large.Bytes, 1, ParsedScriptCache.DefaultMaxBytes);
        Assert.Equal(ParsedScriptCache.DefaultMaxBytes / SizeOf(Script(100, padding: 60_000)), large.Count);
    }

    [Fact]
    public void A_script_larger_than_the_budget_is_answered_but_not_kept()
    {
        var cache = new ParsedScriptCache(maxBytes: 1_000);
        cache.GetOrParse(Script(0));

        var large = cache.GetOrParse(Script(1, padding: 600));

        Assert.True(large.IsValid);
        Assert.Equal((1, SizeOf(Script(0))), (cache.Count, cache.Bytes));
    }

    [Fact]
    public void A_script_over_the_parser_size_limit_is_refused_and_not_kept()
    {
        var cache = new ParsedScriptCache();
        var huge = new string('(', 4 * NumscriptLimits.MaxScriptBytes);

        var parsed = cache.GetOrParse(huge);

        Assert.Equal(DiagnosticKind.ScriptTooLarge, Assert.Single(parsed.Diagnostics).Kind);
        Assert.Equal((0, 0L), (cache.Count, cache.Bytes));
    }

    [Fact]
    public void Many_threads_sending_distinct_scripts_never_push_it_past_its_bounds()
    {
        const long MaxBytes = 20_000;
        var cache = new ParsedScriptCache(capacity: 50, maxBytes: MaxBytes);

        Parallel.For(0, 4_000, n =>
        {
            Assert.True(cache.GetOrParse(Script(n % 700, padding: n % 37 * 40)).IsValid);
            Assert.InRange(cache.Count, 0, 50);
            Assert.InRange(cache.Bytes, 0, MaxBytes);
        });

        Assert.InRange(cache.Count, 1, 50);
        Assert.InRange(cache.Bytes, 1, MaxBytes);
    }
}
