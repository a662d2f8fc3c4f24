using Dynamo.Actors.Dispatch.SysMsg;
using Dynamo.Actors.Remote.Serialization;

namespace Dynamo.Actors.Remote.Tests.Actors;

public sealed class SystemMessageSerializerTests : IDisposable
{
    private readonly RemoteSystems _systems = new();
    private readonly ActorSystem _system;
    private readonly RemoteActorRefProvider _provider;

    public SystemMessageSerializerTests()
    {
        _system = _systems.Start("serial");
        _provider = RemoteActorSystem.ProviderOf(_system);
    }

    public void Dispose() => _systems.Dispose();

    private object RoundTrip(object message)
    {
        var serializer = _provider.Serializers.FindFor(message.GetType());
        Assert.Equal(SystemMessageSerializer.Id, serializer.Identifier);
        return serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));
    }

    [Fact]
    public void Watch_resolves_a_local_watchee_and_a_remote_watcher_with_their_uids()
    {
        var local = _system.ActorOf(Props.Create(() => new Echo()), "watched");
        var remote = _provider.ResolveActorRef("dynamo.tcp://other@127.0.0.1:1/user/watcher#77");

        var watch = (Watch)RoundTrip(new Watch(local, remote));

        Assert.Same(local, watch.Watchee);
        Assert.IsType<RemoteActorRef>(watch.Watcher);
        Assert.Equal(77, watch.Watcher.Path.Uid);
    }

    [Fact]
    public void A_watchee_whose_incarnation_is_gone_resolves_to_a_dead_stand_in()
    {
        var local = _system.ActorOf(Props.Create(() => new Echo()), "old");
        var stale = _provider.ResolveActorRef(local.Path.WithUid(local.Path.Uid + 1).ToSerializationFormat());

        var watch = (Watch)RoundTrip(new Watch(stale, local));

        Assert.NotSame(local, watch.Watchee);
        Assert.Equal(local.Path.Uid + 1, watch.Watchee.Path.Uid);
    }

    [Fact]
    public void A_selection_keeps_its_elements_and_nested_message()
    {
        var selection = (ActorSelectionMessage)RoundTrip(new ActorSelectionMessage(new Identify("id-1"), ["user", "*"]));

        Assert.Equal(["user", "*"], selection.Elements);
        Assert.Equal("id-1", Assert.IsType<Identify>(selection.Message).MessageId);
    }

    [Fact]
    public void An_empty_identity_stays_empty()
    {
        var identity = (ActorIdentity)RoundTrip(new ActorIdentity(null, null));

        Assert.Null(identity.MessageId);
        Assert.Null(identity.Subject);
    }

    [Fact]
    public void A_failure_carries_the_exception_type_and_message()
    {
        var failure = (Status.Failure)RoundTrip(new Status.Failure(new InvalidOperationException("boom")));

        var cause = Assert.IsType<RemoteFailureException>(failure.Cause);
        Assert.Equal(typeof(InvalidOperationException).FullName, cause.RemoteExceptionType);
        Assert.Contains("boom", cause.Message);
    }

    [Fact]
    public void An_unknown_manifest_is_a_protocol_error()
    {
        var serializer = _provider.Serializers.GetById(SystemMessageSerializer.Id);

        Assert.Throws<RemoteProtocolException>(() => serializer.FromBinary(Array.Empty<byte>(), "??"));
    }
}
