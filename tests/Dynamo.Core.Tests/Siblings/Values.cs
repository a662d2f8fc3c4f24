using System.Text;
using Dynamo.Core.Siblings;

namespace Dynamo.Core.Tests.Siblings;

/// <summary>Short-hand for test siblings.</summary>
internal static class Values
{
    public static Sibling Of(string text, long timestamp = 0) =>
        new(Encoding.UTF8.GetBytes(text), SiblingMetadata.Value(timestamp, "text/plain"));

    public static string[] Texts(SiblingSet set) =>
        [.. set.Siblings.Select(s => s.IsTombstone ? "†" : Encoding.UTF8.GetString(s.Value.Span)).Order(StringComparer.Ordinal)];
}
