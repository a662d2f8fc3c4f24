namespace Dynamo.Actors.Tests;

public sealed class AsyncReceiveTests : TestKit.TestKit
{
    private sealed class AsyncWorker : ReceiveActor
    {
        private int _inside;
        private int _state;

        public AsyncWorker(IActorRef probe)
        {
            ReceiveAsync<TaskCompletionSource>(async gate =>
            {
                Interlocked.Increment(ref _inside);
                var sender = Sender;
                await gate.Task;
                // Continuations run on the actor's turn: Sender and Self are still those of this message.
                _state++;
                sender.Tell($"done {_state} sender-kept:{Sender.Equals(sender)} self:{Self.Path.Name}");
                Interlocked.Decrement(ref _inside);
            });
            ReceiveAsync<string>(s => s == "fail", async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("async failure");
            });
            Receive<string>(s => probe.Tell($"{s} inside:{Volatile.Read(ref _inside)} state:{_state}"));
        }
    }

    [Fact]
    public void No_other_message_interleaves_with_an_awaiting_handler()
    {
        var worker = Sys.ActorOf(Props.Create(() => new AsyncWorker(TestActor)));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.Tell(gate, TestActor);
        worker.Tell("next", TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        gate.SetResult();
        ExpectMsg("done 1 sender-kept:True self:" + worker.Path.Name);
        ExpectMsg("next inside:0 state:1");
    }

    [Fact]
    public void A_failing_async_handler_goes_to_the_supervisor()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(Event.Error));
        var worker = Sys.ActorOf(Props.Create(() => new AsyncWorker(TestActor)));
        worker.Tell("fail", TestActor);
        var error = FishForMessage<Event.Error>(e => e.Cause is InvalidOperationException);
        Assert.Equal("async failure", error.Cause!.Message);
        worker.Tell("after", TestActor);
        FishForMessage(m => m is "after inside:0 state:0");
    }
}
