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
    public void Parse_rejects_text_that_is_not_a_path(string text)
    {
        Assert.False(ActorPath.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ActorPath.Parse(text));
    }

    [Fact]
    public void WithAddress_moves_a_path_to_another_system()
    {
        var path = ActorPath.Root(Local) / "user" / "a";
        var moved = path.WithAddress(new Address(Address.TcpProtocol, "sys", "10.0.0.1", 1));
        Assert.Equal("dynamo.tcp://sys@10.0.0.1:1/user/a", moved.ToString());
    }
}
