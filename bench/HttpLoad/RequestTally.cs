using System.Diagnostics;
using System.Globalization;
using HdrHistogram;

namespace WalletFlow.Bench.HttpLoad;

/// <summary>
/// What one phase's requests got, safe to record from every sender at once. Latency (µs, in an
/// HdrHistogram) and 201s per second cover the measured window; answers by status, timeouts and
/// transport errors cover the whole phase, warm-up included, so no failure goes unreported. The keys of
/// requests that did not get a 201 are kept for the commands check.
/// </summary>
internal sealed class RequestTally
{
    // An hour in µs: an open-loop request is timed from its intended start and can wait long.
    private const long HighestMicros = 3_600_000_000;
    private const int ProblemsKept = 3;

    private readonly Lock _gate = new();
    private readonly LongHistogram _latency = new(HighestMicros, 3);
    private readonly LongHistogram _sendLag = new(HighestMicros, 3);
    private readonly SortedDictionary<int, long> _statuses = [];
    private readonly List<string> _answeredFailures = [];
    private readonly List<string> _unanswered = [];
    private readonly List<string> _problems = [];
    private long _windowCreated;

    public long Created { get; private set; }
    public long Timeouts { get; private set; }
    public long TransportErrors { get; private set; }
    public long ServerErrors => _statuses.Where(s => s.Key >= 500).Sum(s => s.Value);

    /// <summary>Answers other than 201, plus requests that got no answer (timeouts included).</summary>
    public long NotCreated => _statuses.Where(s => s.Key != 201).Sum(s => s.Value) + Timeouts + TransportErrors;

    /// <summary>Keys of requests answered with something other than 201.</summary>
    public IReadOnlyList<string> AnsweredFailures => _answeredFailures;

    /// <summary>Keys of requests that timed out or failed in transport: the server may have done them.</summary>
    public IReadOnlyList<string> Unanswered => _unanswered;

    public HistogramBase Latency => _latency;

    /// <param name="latencyTicks">From the (intended) start to the end of the answer.</param>
    /// <param name="status">The HTTP status, 0 without an answer.</param>
    /// <param name="timedOut">No answer within the client timeout.</param>
    /// <param name="problem">What went wrong, for a non-201.</param>
    /// <param name="measured">Inside the window for latency.</param>
    /// <param name="createdInWindow">A 201 that completed inside the window.</param>
    /// <param name="key">The request's Idempotency-Key.</param>
    public void Record(long latencyTicks, int status, bool timedOut, string? problem, bool measured, bool createdInWindow, string key)
    {
        lock (_gate)
        {
            if (measured)
                _latency.RecordValue(Math.Clamp(latencyTicks * 1_000_000 / Stopwatch.Frequency, 0, HighestMicros));
            if (createdInWindow)
                _windowCreated++;
            if (status == 201)
            {
                Created++;
                return;
            }
            if (status != 0)
            {
                _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
                _answeredFailures.Add(key);
            }
            else
            {
                if (timedOut)
                    Timeouts++;
                else
                    TransportErrors++;
                _unanswered.Add(key);
            }
            if (problem is not null && _problems.Count < ProblemsKept)
                _problems.Add(problem);
        }
    }

    /// <summary>How late an open-loop generator sent a request after its intended start (generator lag, not the server's).</summary>
    public void RecordSendLag(long ticks)
    {
        lock (_gate)
            _sendLag.RecordValue(Math.Clamp(ticks * 1_000_000 / Stopwatch.Frequency, 0, HighestMicros));
    }

    public double CreatedPerSecond(PhaseWindow window) => _windowCreated / window.Seconds;

    public double Percentile(double percentile) => _latency.TotalCount == 0 ? double.NaN : _latency.GetValueAtPercentile(percentile) / 1000.0;

    /// <summary>One line: answers by status, timeouts, transport errors, the first problems seen.</summary>
    public string Describe()
    {
        var parts = new List<string> { $"201 x{Created}" };
        parts.AddRange(_statuses.Select(s => $"{s.Key} x{s.Value}"));
        parts.Add($"timeouts {Timeouts}");
        parts.Add($"transport errors {TransportErrors}");
        var text = string.Join(", ", parts);
        if (_problems.Count > 0)
            text += "; first problems: " + string.Join(" | ", _problems);
        if (_sendLag.TotalCount > 0)
            text += string.Format(CultureInfo.InvariantCulture, "; generator send lag p50 {0:F2} ms, p99 {1:F2} ms",
                _sendLag.GetValueAtPercentile(50) / 1000.0, _sendLag.GetValueAtPercentile(99) / 1000.0);
        return text;
    }
}
