using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Dynamo.Client;
using Dynamo.Kv.Hosting;
using Dynamo.Sample;

// A team's own service in the store's cluster: it counts page visits, keeping the counts in Dynamo. It is an
// Akka.NET member like any other of the team's; WithDynamo makes it use the store (through the proxy) or, with
// --store, also run a share of it.

SampleOptions options;
try
{
    options = SampleOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"{e.Message}\n{SampleOptions.Usage}");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls($"http://127.0.0.1:{options.HttpPort}");
// The store's nodes run the actor system "dynamo"; a member of their cluster has the same name.
builder.Services.AddAkka("dynamo", (akka, _) => akka
    .WithRemoting(new RemoteOptions { HostName = "127.0.0.1", Port = options.RemotePort })
    .WithClustering(new ClusterOptions
    {
        Roles = options.Store ? ["visits", "dynamo"] : ["visits"],
        SeedNodes = [$"akka.tcp://dynamo@{options.Seed}"],
    })
    .WithDynamo(StoreConfig(options)));
// The same typed client other actor systems use, here over the entry actor WithDynamo registered.
builder.Services.AddSingleton<VisitCounter>();

var app = builder.Build();
app.MapPost("/visits/{page}", (string page, VisitCounter visits, CancellationToken ct) => Answer(() => visits.CountAsync(page, ct)));
app.MapGet("/visits/{page}", (string page, VisitCounter visits, CancellationToken ct) => Answer(() => visits.ReadAsync(page, ct)));
await app.RunAsync();
return 0;

// The store's settings: the journal's folder, then whatever --set says (later lines win).
static Config StoreConfig(SampleOptions options) =>
    options.Settings
        .Select(line => ConfigurationFactory.ParseString(line))
        .Aggregate(ConfigurationFactory.ParseString($"dynamo.persistence.sqlite.data-directory = {System.Text.Json.JsonSerializer.Serialize(options.DataDirectory)}"),
            (config, setting) => setting.WithFallback(config));

// The store's typed failures (quorum not met, outcome unknown, a node not answering) become a 503 with the reason.
static async Task<IResult> Answer(Func<Task<long>> count)
{
    try
    {
        return Results.Text((await count()).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
    catch (DynamoException e)
    {
        return Results.Text(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
