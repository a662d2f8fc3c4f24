namespace Dynamo.Server.Hosting;

public sealed partial record ServerArguments
{
    /// <summary>
    /// Whether <c>--stop-on-stdin-close</c> asked the node to stop when its standard input ends: a parent that holds
    /// the other end of the pipe (<c>dynamo dev up</c>) takes its nodes with it however it dies, even by SIGKILL.
    /// </summary>
    public bool StopOnStdinClose { get; init; }
}
