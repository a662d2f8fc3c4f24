using Akka.Actor;
using Akka.Configuration;
using Dynamo.Benchmarks.RemoteNode;

// The far end of the two-process remote benchmarks: an Akka.Remote actor system on loopback with a sink
// (/user/sink) and an echo (/user/echo). Usage: dotnet Dynamo.Benchmarks.RemoteNode.dll [port]. Prints
// "LISTENING <address>" once ready; exits when its standard input closes (the benchmark process ended or closed
// it) or on "stop" to the sink.
int port = args.Length > 0 && int.TryParse(args[0], out var p) && p is >= 0 and <= 65535
    ? p
    : args.Length == 0 ? 0 : throw new ArgumentException($"Port '{args[0]}' is not a number in 0..65535.");
var system = ActorSystem.Create("node", ConfigurationFactory.ParseString($$"""
    akka.actor.provider = remote
    akka.loglevel = ERROR
    akka.stdout-loglevel = ERROR
    akka.log-dead-letters = off
    akka.coordinated-shutdown.exit-clr = off
    akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{port}} }
    """));
system.ActorOf(Props.Create(() => new SinkActor()), "sink");
system.ActorOf(Props.Create(() => new EchoActor()), "echo");
// With port 0 the transport picks a port; the provider's default address carries the one it bound.
Console.WriteLine($"LISTENING {((ExtendedActorSystem)system).Provider.DefaultAddress}");
Console.Out.Flush();

var stdinClosed = Task.Run(() =>
{
    while (Console.In.ReadLine() is not null) { }
});
await Task.WhenAny(stdinClosed, system.WhenTerminated);
await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
