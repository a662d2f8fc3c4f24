using System.Security.Cryptography;
using Dynamo.Core.Siblings;

namespace Dynamo.Kv.AntiEntropy;

/// <summary>The version digest a hash tree keeps per key.</summary>
public static class ObjectDigest
{
    /// <summary>
    /// MD5 of the object's canonical serialized form (entries in node order, values in dot order),
    /// so equal sibling sets digest equal on every replica whatever order their versions arrived in.
    /// </summary>
    public static byte[] Of(SiblingSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return MD5.HashData(SiblingSetSerializer.Serialize(set));
    }
}
