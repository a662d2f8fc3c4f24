namespace Dynamo.Core.Merkle;

/// <summary>Thrown when bytes are not a valid serialized <see cref="MerkleTree"/>.</summary>
public sealed class InvalidMerkleTreeException : FormatException
{
    /// <summary>Creates the exception with a message naming what is wrong.</summary>
    public InvalidMerkleTreeException(string message)
        : base(message)
    {
    }
}
