namespace Dynamo.Core.Siblings;

/// <summary>Thrown when stored or received bytes are not a valid serialized <see cref="SiblingSet"/>.</summary>
public sealed class InvalidSiblingSetException : FormatException
{
    /// <summary>Creates the exception with a message naming what is wrong.</summary>
    public InvalidSiblingSetException(string message)
        : base(message)
    {
    }
}
