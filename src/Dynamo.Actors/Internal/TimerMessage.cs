namespace Dynamo.Actors.Internal;

/// <summary>A timer's message in the mailbox, tagged with the timer's generation so that stale ones are recognised and dropped.</summary>
internal sealed record TimerMessage(object Key, int Generation, object Message, TimerScheduler Owner) : IAutoReceivedMessage, INotInfluenceReceiveTimeout;
