namespace Dynamo.Core.Causality;

/// <summary>Thrown when bytes offered as a causal context are not one this store produced.</summary>
public sealed class InvalidContextException : FormatException
{
    /// <summary>Creates the exception with a message naming what is wrong.</summary>
    public InvalidContextException(string message)
        : base(message)
    {
    }
}
