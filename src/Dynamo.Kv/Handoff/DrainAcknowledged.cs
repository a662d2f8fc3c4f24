namespace Dynamo.Kv.Handoff;

/// <summary>A member's answer to <see cref="NodeDraining"/>: its ring excludes the draining node.</summary>
/// <param name="Node">The acknowledging member's id.</param>
/// <param name="Draining">The draining node it excludes.</param>
public sealed record DrainAcknowledged(string Node, string Draining);
