using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Dynamo.Cli.Bench;

/// <summary>The options of <c>dynamo bench</c>, their rules, and the <see cref="BenchSettings"/> they parse into.</summary>
internal sealed class BenchOptions
{
    /// <summary>The <c>--node</c> option.</summary>
    public Option<string[]> Node { get; } = new("--node")
    {
        Description = "HTTP URL of a node (repeat for several; clients are spread over them)",
        Required = true,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The <c>--workload</c> option.</summary>
    public Option<string> Workload { get; } = new("--workload")
    {
        Description = "YCSB core workload: a (50% read, 50% update), b (95/5), c (read only), d (read latest, 5% insert), f (read-modify-write)",
        DefaultValueFactory = _ => "a",
    };

    /// <summary>The <c>--records</c> option.</summary>
    public Option<long> Records { get; } = new("--records") { Description = "records inserted before the run", DefaultValueFactory = _ => 1000 };

    /// <summary>The <c>--operations</c> option.</summary>
    public Option<long?> Operations { get; } = new("--operations") { Description = "measured operations (or give --duration)" };

    /// <summary>The <c>--duration</c> option.</summary>
    public Option<TimeSpan?> Duration { get; } = new("--duration")
    {
        Description = "measured time, e.g. 30s, 2m (or give --operations)",
        CustomParser = ParseDuration,
    };

    /// <summary>The <c>--clients</c> option.</summary>
    public Option<int> Clients { get; } = new("--clients") { Description = "concurrent clients", DefaultValueFactory = _ => 16 };

    /// <summary>The <c>--value-size</c> option.</summary>
    public Option<int> ValueSize { get; } = new("--value-size") { Description = "bytes per value", DefaultValueFactory = _ => 1024 };

    /// <summary>The <c>--distribution</c> option.</summary>
    public Option<string?> Distribution { get; } = new("--distribution")
    {
        Description = "key choice: zipfian, uniform or latest (default: the workload's, latest for d, zipfian otherwise)",
    };

    /// <summary>The <c>--rate</c> option.</summary>
    public Option<double?> Rate { get; } = new("--rate") { Description = "open loop at this many operations per second (default: closed loop)" };

    /// <summary>The <c>--transport</c> option.</summary>
    public Option<string> Transport { get; } = new("--transport")
    {
        Description = "http, or native (the actor protocol; the node must be a cluster member)",
        DefaultValueFactory = _ => "http",
    };

    /// <summary>The <c>--warmup</c> option.</summary>
    public Option<TimeSpan?> Warmup { get; } = new("--warmup")
    {
        Description = "time run before measuring, excluded from the results (default 0s)",
        CustomParser = ParseDuration,
    };

    /// <summary>The <c>--skip-load</c> option.</summary>
    public Option<bool> SkipLoad { get; } = new("--skip-load")
    {
        Description = "the records are in the bucket already (an earlier run with the same --records and --bucket): skip the load phase",
    };

    /// <summary>The <c>--object-buffer</c> option.</summary>
    public Option<bool> ObjectBuffer { get; } = new("--object-buffer")
    {
        Description = "turn the bench bucket's object buffer on (only the coordinating replica writes durably before acknowledging); without it the bench turns the buffer off",
    };

    /// <summary>The <c>--client-driven</c> option.</summary>
    public Option<bool?> ClientDriven { get; } = new("--client-driven")
    {
        Description = "true or false: each client sends each request to a node of its key's preference list, from the ring it polls (default: as the client library's default, true for native and false for http)",
    };

    /// <summary>The <c>--json</c> option.</summary>
    public Option<string?> Json { get; } = new("--json") { Description = "also write the parameters and results to this JSON file" };

    /// <summary>The <c>--bucket</c> option.</summary>
    public Option<string> Bucket { get; } = new("--bucket") { Description = "bucket of the records", DefaultValueFactory = _ => "bench" };

    /// <summary>The <c>--client-host</c> option.</summary>
    public Option<string> ClientHost { get; } = new("--client-host")
    {
        Description = "host name the native transport listens on and gives the nodes to answer to",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    /// <summary>The <c>--seed</c> option.</summary>
    public Option<int?> Seed { get; } = new("--seed") { Description = "seed of the clients' random choices, to repeat a run's sequence" };

    /// <summary>Every option, in the order help lists them.</summary>
    public IEnumerable<Option> All =>
        [Node, Workload, Records, Operations, Duration, Clients, ValueSize, Distribution, Rate, Transport, Warmup, SkipLoad, ObjectBuffer, ClientDriven, Json, Bucket, ClientHost, Seed];

    /// <summary>Every rule on values and combinations; each error names the option and the problem.</summary>
    public void Validate(CommandResult result)
    {
        if (Given(result, Node, out var nodes))
        {
            foreach (var node in nodes ?? [])
            {
                if (ParseNode(node) is null)
                    result.AddError($"--node: \"{node}\" is not an absolute http:// or https:// URL (e.g. http://127.0.0.1:8098)");
            }
        }
        if (Given(result, Workload, out var workload) && Bench.Workload.Find(workload ?? "") is null)
            result.AddError($"--workload: \"{workload}\" is not a core workload; expected a, b, c, d or f");
        if (Given(result, Records, out var records) && records < 1) result.AddError($"--records must be at least 1, was {records}");
        bool hasOperations = result.GetResult(Operations) is not null;
        bool hasDuration = result.GetResult(Duration) is not null;
        if (hasOperations == hasDuration)
            result.AddError(hasOperations
                ? "--operations and --duration both bound the run: give only one"
                : "give either --operations (a number of operations) or --duration (a time such as 30s) to bound the run");
        if (Given(result, Operations, out var operations) && operations is < 1) result.AddError($"--operations must be at least 1, was {operations}");
        if (Given(result, Duration, out var duration) && duration <= TimeSpan.Zero) result.AddError("--duration must be positive");
        if (Given(result, Clients, out var clients) && clients < 1) result.AddError($"--clients must be at least 1, was {clients}");
        if (Given(result, ValueSize, out var valueSize) && valueSize is < 0 or > BenchCommand.MaxValueSize)
            result.AddError($"--value-size must be between 0 and {BenchCommand.MaxValueSize} bytes, was {valueSize}");
        if (Given(result, Distribution, out var distribution) && ParseDistribution(distribution ?? "") is null)
            result.AddError($"--distribution: \"{distribution}\" is not a distribution; expected zipfian, uniform or latest");
        if (Given(result, Rate, out var rate) && !(rate > 0 && double.IsFinite(rate.Value)))
            result.AddError($"--rate must be a positive number of operations per second, was {rate?.ToString(CultureInfo.InvariantCulture)}");
        if (Given(result, Transport, out var transport) && ParseTransport(transport ?? "") is null)
            result.AddError($"--transport: \"{transport}\" is not a transport; expected http or native");
        if (Given(result, Warmup, out var warmup) && warmup < TimeSpan.Zero) result.AddError("--warmup must not be negative");
        if (Given(result, Bucket, out var bucket) && string.IsNullOrEmpty(bucket)) result.AddError("--bucket must not be empty");
        if (Given(result, ClientHost, out var host) && string.IsNullOrWhiteSpace(host)) result.AddError("--client-host must not be empty");
    }

    /// <summary>
    /// The value of an option given on the command line; false when it was not given (its default is valid by
    /// construction) or its value did not parse (that error is reported already).
    /// </summary>
    private static bool Given<T>(CommandResult command, Option<T> option, out T? value)
    {
        value = default;
        var given = command.GetResult(option);
        if (given is null || given.Implicit || given.Errors.Any()) return false;
        try
        {
            value = given.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The settings of a parse result that passed <see cref="Validate"/>.</summary>
    public BenchSettings Settings(ParseResult result)
    {
        var workload = Bench.Workload.Find(result.GetValue(Workload)!)!;
        return new BenchSettings
        {
            Nodes = result.GetValue(Node)!.Select(n => ParseNode(n)!).ToArray(),
            Workload = workload,
            Records = result.GetValue(Records),
            Operations = result.GetValue(Operations),
            Duration = result.GetValue(Duration),
            Clients = result.GetValue(Clients),
            ValueSize = result.GetValue(ValueSize),
            Distribution = result.GetValue(Distribution) is { } d ? ParseDistribution(d)!.Value : workload.DefaultDistribution,
            Rate = result.GetValue(Rate),
            Transport = ParseTransport(result.GetValue(Transport)!)!.Value,
            Warmup = result.GetValue(Warmup) ?? TimeSpan.Zero,
            SkipLoad = result.GetValue(SkipLoad),
            ObjectBuffer = result.GetValue(ObjectBuffer),
            ClientDriven = result.GetValue(ClientDriven),
            JsonFile = result.GetValue(Json),
            Bucket = result.GetValue(Bucket)!,
            ClientHost = result.GetValue(ClientHost)!,
            Seed = result.GetValue(Seed),
        };
    }

    private static TimeSpan? ParseDuration(ArgumentResult argument)
    {
        var text = argument.Tokens.Count == 1 ? argument.Tokens[0].Value : "";
        if (DurationParser.TryParse(text, out var duration)) return duration;
        var name = argument.Parent is OptionResult option ? option.Option.Name : "duration";
        argument.AddError($"{name}: \"{text}\" is no duration; use e.g. 500ms, 30s, 2m");
        return null;
    }

    private static Uri? ParseNode(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(uri.Host)
            ? new Uri(uri.AbsoluteUri.EndsWith('/') ? uri.AbsoluteUri : uri.AbsoluteUri + "/")
            : null;

    private static KeyDistribution? ParseDistribution(string text) => text.ToLowerInvariant() switch
    {
        "zipfian" => KeyDistribution.Zipfian,
        "uniform" => KeyDistribution.Uniform,
        "latest" => KeyDistribution.Latest,
        _ => null,
    };

    private static BenchTransport? ParseTransport(string text) => text.ToLowerInvariant() switch
    {
        "http" => BenchTransport.Http,
        "native" => BenchTransport.Native,
        _ => null,
    };
}
