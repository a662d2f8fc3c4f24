namespace Dynamo.Actors.Supervision;

/// <summary>What a supervisor does with a child that threw.</summary>
public enum Directive
{
    /// <summary>Keep the actor and its state; continue with the next message.</summary>
    Resume,

    /// <summary>Replace the actor instance with a fresh one (state is lost, the mailbox is kept).</summary>
    Restart,

    /// <summary>Stop the actor.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception, handing the decision up the tree.</summary>
    Escalate,
}
