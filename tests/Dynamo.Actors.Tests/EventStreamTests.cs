using Dynamo.Actors.Event;

namespace Dynamo.Actors.Tests;

public sealed class EventStreamTests : TestKit.TestKit
{
    private record Animal(string Name);

    private sealed record Dog(string Name) : Animal(Name);

    [Fact]
    public void A_subscription_to_a_base_type_receives_derived_events()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(Animal));
        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish(new Animal("generic"));
        Assert.Equal("rex", ExpectMsg<Dog>().Name);
        Assert.Equal("generic", ExpectMsg<Animal>().Name);
    }

    [Fact]
    public void Overlapping_subscriptions_deliver_an_event_once()
    {
        Assert.True(Sys.EventStream.Subscribe(TestActor, typeof(Animal)));
        Assert.True(Sys.EventStream.Subscribe(TestActor, typeof(Dog)));
        Assert.False(Sys.EventStream.Subscribe(TestActor, typeof(Dog)));
        Sys.EventStream.Publish(new Dog("once"));
        ExpectMsg<Dog>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Unsubscribed_actors_receive_nothing_more()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(Animal));
        Assert.True(Sys.EventStream.Unsubscribe(TestActor, typeof(Animal)));
        Sys.EventStream.Publish(new Dog("ignored"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.False(Sys.EventStream.HasSubscribers(typeof(Dog)));
    }

    [Fact]
    public void A_stopped_subscriber_is_unsubscribed()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Sys.EventStream.Subscribe(echo, typeof(Dog));
        Watch(echo);
        Sys.Stop(echo);
        ExpectTerminated(echo);
        Assert.False(Sys.EventStream.HasSubscribers(typeof(Dog)));
    }

    [Fact]
    public void Dead_letters_are_published_and_the_first_ones_logged()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        Sys.EventStream.Subscribe(TestActor, typeof(Info));
        Sys.DeadLetters.Tell("nowhere", TestActor);
        var first = ReceiveN(2);
        Assert.Contains(first, m => m is DeadLetter { Message: "nowhere" });
        Assert.Contains(first, m => m is Info info && info.Message.Contains("was not delivered"));
    }
}
