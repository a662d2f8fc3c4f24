namespace Dynamo.Actors.Tests;

public sealed class ActorPathTests
{
    private static readonly Address Local = new(Address.LocalProtocol, "sys");

    [Fact]
    public void Child_paths_format_with_address_and_elements()
    {
        var path = ActorPath.Root(Local) / "user" / "a" / "b";
        Assert.Equal("dynamo://sys/user/a/b", path.ToString());
        Assert.Equal("/user/a/b", path.ToStringWithoutAddress());
        Assert.Equal("b", path.Name);
        Assert.Equal(["user", "a", "b"], path.Elements);
        Assert.Equal("/user/a", path.Parent!.ToStringWithoutAddress());
    }

    [Fact]
    public void Parse_round_trips_network_addresses_and_uids()
    {
        var path = ActorPath.Parse("dynamo.tcp://sys@127.0.0.1:2552/user/worker#42");
        Assert.Equal(new Address(Address.TcpProtocol, "sys", "127.0.0.1", 2552), path.Address);
        Assert.Equal(["user", "worker"], path.Elements);
        Assert.Equal(42, path.Uid);
        Assert.Equal("dynamo.tcp://sys@127.0.0.1:2552/user/worker#42", path.ToSerializationFormat());
    }

    [Fact]
    public void Equality_ignores_uid_but_not_address_or_elements()
    {
        var a = (ActorPath.Root(Local) / "user" / "a").WithUid(1);
        var b = (ActorPath.Root(Local) / "user" / "a").WithUid(2);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, ActorPath.Root(Local) / "user" / "b");
        Assert.NotEqual(a, ActorPath.Root(new Address(Address.LocalProtocol, "other")) / "user" / "a");
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-scheme/user/a")]
    [InlineData("dynamo://")]
    [InlineData("dynamo://sys/user/a#notanumber")]
    [InlineData("dynamo.tcp://@host:1/user/a")]
    [InlineData("dynamo.tcp://sys@host:70000/user/a")]
    [InlineData("dynamo.tcp://sys@host/user/a")]
    public void Parse_rejects_text_that_is_not_a_path(string text)
    {
        Assert.False(ActorPath.TryParse(text, out _));
        Assert.False(Internal.ActorPathSyntax.TrySplit(text, out _, out _, out _));
        Assert.Throws<FormatException>(() => ActorPath.Parse(text));
    }

    [Fact]
    public void WithAddress_moves_a_path_to_another_system()
    {
        var path = ActorPath.Root(Local) / "user" / "a";
        var moved = path.WithAddress(new Address(Address.TcpProtocol, "sys", "10.0.0.1", 1));
        Assert.Equal("dynamo.tcp://sys@10.0.0.1:1/user/a", moved.ToString());
    }

    [Theory]
    [InlineData("dynamo.tcp://sys@127.0.0.1:2552/user/a/b#-7", "dynamo.tcp://sys@127.0.0.1:2552", "/user/a/b", -7)]
    [InlineData("dynamo://sys/user//a", "dynamo://sys", "/user//a", 0)]
    [InlineData("dynamo://sys", "dynamo://sys", "", 0)]
    public void Splitting_a_path_finds_the_address_elements_and_uid_that_parsing_does(string text, string address, string elements, long uid)
    {
        Assert.True(Internal.ActorPathSyntax.TrySplit(text, out int addressLength, out int elementsEnd, out long splitUid));
        Assert.Equal(address, text[..addressLength]);
        Assert.Equal(elements, text[addressLength..elementsEnd]);
        Assert.Equal(uid, splitUid);
        var parsed = ActorPath.Parse(text);
        Assert.Equal(Address.Parse(address), parsed.Address);
        Assert.Equal(elements.Split('/', StringSplitOptions.RemoveEmptyEntries), parsed.Elements);
        Assert.Equal(uid, parsed.Uid);
    }

    [Fact]
    public void Formats_are_the_same_when_asked_again_and_for_every_ancestor()
    {
        var root = ActorPath.Root(new Address(Address.TcpProtocol, "sys", "h", 1));
        var child = root.Child("user").Child("a", 5);
        Assert.Equal("dynamo.tcp://sys@h:1/", root.ToString());
        Assert.Equal("dynamo.tcp://sys@h:1/user", child.Parent!.ToString());
        Assert.Equal("dynamo.tcp://sys@h:1/user/a#5", child.ToSerializationFormat());
        Assert.Same(child.ToSerializationFormat(), child.ToSerializationFormat());
        Assert.Equal("dynamo.tcp://sys@h:1/user/a", child.WithUid(0).ToSerializationFormat());
    }
}
