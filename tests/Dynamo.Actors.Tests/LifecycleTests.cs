using Dynamo.Actors.Event;

namespace Dynamo.Actors.Tests;

public sealed class LifecycleTests : TestKit.TestKit
{
    private sealed class Tree : ReceiveActor
    {
        private readonly Action<string> _report;
        private readonly string _name;

        public Tree(Action<string> report, string name, int depth)
        {
            _report = report;
            _name = name;
            if (depth > 0)
            {
                Context.ActorOf(Props.Create(() => new Tree(report, name + "/l", depth - 1)), "l");
                Context.ActorOf(Props.Create(() => new Tree(report, name + "/r", depth - 1)), "r");
            }
            ReceiveAny(_ => { });
        }

        protected override void PostStop() => _report(_name);
    }

    [Fact]
    public void PreStart_runs_before_the_first_message_and_PostStop_after_stop()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor, "a")));
        actor.Tell("one", TestActor);
        ExpectMsg("a:PreStart");
        ExpectMsg("a:got:one");
        Sys.Stop(actor);
        ExpectMsg("a:PostStop");
    }

    [Fact]
    public void PoisonPill_stops_after_the_messages_queued_before_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor, "a")));
        actor.Tell("1", TestActor);
        actor.Tell("2", TestActor);
        actor.Tell(PoisonPill.Instance, TestActor);
        actor.Tell("3", TestActor);
        ExpectMsg("a:PreStart");
        ExpectMsg("a:got:1");
        ExpectMsg("a:got:2");
        ExpectMsg("a:PostStop");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Messages_to_a_stopped_actor_become_dead_letters()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        actor.Tell("lost", TestActor);
        var letter = ExpectMsg<DeadLetter>();
        Assert.Equal("lost", letter.Message);
        Assert.Equal(actor, letter.Recipient);
        Assert.Equal(TestActor, letter.Sender);
    }

    [Fact]
    public void Stopping_a_parent_stops_its_children_first()
    {
        var probe = TestActor;
        var root = Sys.ActorOf(Props.Create(() => new Tree(s => probe.Tell(s, null), "t", 2)), "t");
        Sys.Stop(root);
        var order = ReceiveN(7).Cast<string>().ToList();
        Assert.Equal("t", order[^1]);
        Assert.True(order.IndexOf("t/l/l") < order.IndexOf("t/l"));
        Assert.True(order.IndexOf("t/r/r") < order.IndexOf("t/r"));
        Assert.Equal(7, order.Distinct().Count());
    }

    [Fact]
    public async Task Terminate_runs_PostStop_everywhere_and_completes_WhenTerminated()
    {
        var stoppedQueue = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Sys.ActorOf(Props.Create(() => new Tree(stoppedQueue.Enqueue, "x", 1)), "x");
        Sys.ActorOf(Props.Create(() => new Tree(stoppedQueue.Enqueue, "y", 0)), "y");
        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
        var stopped = stoppedQueue.ToHashSet();
        Assert.Equal(new HashSet<string> { "x", "x/l", "x/r", "y" }, stopped);
        Assert.Throws<InvalidOperationException>(() => Sys.ActorOf(Props.Create<EchoActor>()));
    }

    [Fact]
    public void A_stopped_childs_name_can_be_reused_after_it_terminated()
    {
        var first = Sys.ActorOf(Props.Create<EchoActor>(), "reuse");
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        AwaitAssert(() =>
        {
            var second = Sys.ActorOf(Props.Create<EchoActor>(), "reuse");
            Assert.NotEqual(first, second);
            Assert.Equal(first.Path, second.Path);
        }, TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(10));
    }

    [Fact]
    public void Children_lists_live_children_and_Child_finds_by_name()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ChildCounter()));
        parent.Tell("spawn:a", TestActor);
        parent.Tell("spawn:b", TestActor);
        parent.Tell("count", TestActor);
        ExpectMsg(2);
        parent.Tell("stop:a", TestActor);
        parent.Tell("count", TestActor);
        ExpectMsg(1);
        parent.Tell("find:b", TestActor);
        Assert.Equal("b", ExpectMsg<IActorRef>().Path.Name);
        parent.Tell("find:zzz", TestActor);
        Assert.Same(ActorRefs.Nobody, ExpectMsg<IActorRef>());
    }

    private sealed class ChildCounter : ReceiveActor
    {
        public ChildCounter()
        {
            Receive<string>(s => s.StartsWith("spawn:"), s => Context.ActorOf(Props.Create<EchoActor>(), s[6..]));
            Receive<string>(s => s.StartsWith("stop:"), s => Context.Stop(Context.Child(s[5..])));
            Receive<string>(s => s.StartsWith("find:"), s => Sender.Tell(Context.Child(s[5..])));
            Receive<string>(s => s == "count", _ => Sender.Tell(Context.Children.Count));
        }
    }
}
