namespace Dynamo.Actors.Remote.Tests.Actors;

/// <summary>Replies to every string with "echo:" and the string; replies to "stop" by stopping.</summary>
public sealed class Echo : ReceiveActor
{
    public Echo()
    {
        Receive<string>(s => s == "stop", _ => Context.Stop(Self));
        Receive<string>(s => Sender.Tell("echo:" + s, Self));
    }
}
