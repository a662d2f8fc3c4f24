namespace Dynamo.Actors.Event;

/// <summary>Entry points for getting a logger.</summary>
public static class Logging
{
    /// <summary>A logger for the actor owning <paramref name="context"/>, naming its path as the source.</summary>
    public static ILoggingAdapter GetLogger(this IActorContext context) =>
        GetLogger(context.System, context.Self.Path.ToString(), context.Props.ActorType);

    /// <summary>A logger with an explicit source name.</summary>
    public static ILoggingAdapter GetLogger(ActorSystem system, string source, Type? logClass = null) =>
        new BusLogging(system.EventStream, source, logClass ?? typeof(ActorSystem), system.Settings.LogLevel, system.Clock);
}
