using System.Text;
using Dynamo.Actors.Remote.Wire;

namespace Dynamo.Actors.Remote.Tests;

public sealed class Utf8StringCacheTests
{
    [Fact]
    public void Recurring_ascii_bytes_give_the_same_string_instance()
    {
        var cache = new Utf8StringCache();
        var bytes = Encoding.UTF8.GetBytes("dynamo.tcp://node@127.0.0.1:2552/user/kv/vnode-7#123");

        var first = cache.Get(bytes);
        var second = cache.Get(bytes.ToArray());

        Assert.Equal("dynamo.tcp://node@127.0.0.1:2552/user/kv/vnode-7#123", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Text_that_is_not_ascii_is_decoded_correctly_every_time()
    {
        var cache = new Utf8StringCache();
        var bytes = Encoding.UTF8.GetBytes("/user/zürich-αβ");

        Assert.Equal("/user/zürich-αβ", cache.Get(bytes));
        Assert.Equal("/user/zürich-αβ", cache.Get(bytes));
    }

    [Fact]
    public void Different_bytes_in_one_slot_never_get_each_others_string()
    {
        var cache = new Utf8StringCache();
        // Same length and same last eight bytes: the slot is chosen from those, so both land in one slot.
        var a = Encoding.UTF8.GetBytes("/user/a/$c12345678");
        var b = Encoding.UTF8.GetBytes("/user/b/$c12345678");

        Assert.Equal("/user/a/$c12345678", cache.Get(a));
        Assert.Equal("/user/b/$c12345678", cache.Get(b));
        Assert.Equal("/user/a/$c12345678", cache.Get(a));
    }
}
