namespace Dynamo.Cli;

/// <summary>What <c>dynamo</c> exits with, so scripts can tell failures apart.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The node refused or failed the request, was unreachable, or the key was not found.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>A write failed in a way that leaves its outcome unknown: it may have been stored.</summary>
    public const int UnknownOutcome = 3;
}
