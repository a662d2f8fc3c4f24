namespace Dynamo.Actors.Remote;

/// <summary>Severity of a <see cref="RemoteLogEntry"/>.</summary>
public enum RemoteLogLevel
{
    /// <summary>Detail useful when chasing a problem.</summary>
    Debug,
    /// <summary>Normal lifecycle: listening, associated, disassociated.</summary>
    Info,
    /// <summary>A peer misbehaved or a connection failed; this node carries on.</summary>
    Warning,
    /// <summary>Something this node cannot recover from by itself.</summary>
    Error,
}
