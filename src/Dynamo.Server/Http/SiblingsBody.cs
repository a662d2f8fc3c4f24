using System.Collections.Immutable;

namespace Dynamo.Server.Http;

/// <summary>The 300 Multiple Choices body: every concurrent value and the one context that covers them all.</summary>
/// <param name="Context">The context to write the reconciled value with (base64url, as in the header).</param>
/// <param name="Siblings">The concurrent values.</param>
public sealed record SiblingsBody(string Context, ImmutableArray<SiblingBody> Siblings);
