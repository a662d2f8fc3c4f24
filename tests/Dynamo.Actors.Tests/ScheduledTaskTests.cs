using Dynamo.Actors.Scheduling;

namespace Dynamo.Actors.Tests;

public sealed class ScheduledTaskTests
{
    [Fact]
    public void A_cancelled_task_does_not_run_and_lets_go_of_its_state()
    {
        var ran = new List<object?>();
        var (task, state) = Make(ran);

        task.Cancel();
        task.Run();
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.Empty(ran);
        Assert.False(state.TryGetTarget(out _));
    }

    [Fact]
    public void A_task_with_null_state_runs_with_null()
    {
        object? seen = "not run";
        var task = new ScheduledTask(TimeSpan.Zero, TimeSpan.Zero, s => seen = s, null);

        task.Run();

        Assert.Null(seen);
    }

    // Separate method so that no local of the caller keeps the state reachable.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (ScheduledTask Task, WeakReference<object> State) Make(List<object?> ran)
    {
        var state = new object();
        return (new ScheduledTask(TimeSpan.Zero, TimeSpan.Zero, ran.Add, state), new WeakReference<object>(state));
    }
}
