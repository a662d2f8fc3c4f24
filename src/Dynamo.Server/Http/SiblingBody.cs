namespace Dynamo.Server.Http;

/// <summary>One sibling in a 300 answer.</summary>
/// <param name="ContentType">Its MIME type.</param>
/// <param name="Value">Its bytes in standard base64.</param>
/// <param name="LastModified">When its write was accepted, Unix milliseconds.</param>
public sealed record SiblingBody(string ContentType, string Value, long LastModified);
