using Dynamo.Actors;
using Dynamo.Actors.Configuration;
using Dynamo.Actors.Remote;
using Dynamo.Benchmarks.RemoteNode;

// The far end of the two-process remote benchmarks: an actor system on loopback with a sink (/user/sink) and an
// echo (/user/echo). Usage: dotnet Dynamo.Benchmarks.RemoteNode.dll [port]. Prints "LISTENING <address>" once
// ready; exits when its standard input closes (the benchmark process ended or closed it) or on "stop" to the sink.
int port = args.Length > 0 && int.TryParse(args[0], out var p) && p is >= 0 and <= 65535
    ? p
    : args.Length == 0 ? 0 : throw new ArgumentException($"Port '{args[0]}' is not a number in 0..65535.");
var system = RemoteActorSystem.Create("node", ConfigurationFactory.ParseString($$"""
    dynamo.actor.provider = remote
    dynamo.actor.stdout-loglevel = ERROR
    dynamo.actor.log-dead-letters = 0
    dynamo.remote { hostname = "127.0.0.1", port = {{port}}, cookie = "bench", send-buffer-limit = 1048576 }
    """));
system.ActorOf(Props.Create(() => new SinkActor()), "sink");
system.ActorOf(Props.Create(() => new EchoActor()), "echo");
Console.WriteLine($"LISTENING {system.Address}");
Console.Out.Flush();

var stdinClosed = Task.Run(() =>
{
    while (Console.In.ReadLine() is not null) { }
});
await Task.WhenAny(stdinClosed, system.WhenTerminated);
await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
