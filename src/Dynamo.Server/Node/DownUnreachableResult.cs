using System.Collections.Immutable;

namespace Dynamo.Server.Node;

/// <summary>The answer to downing every unreachable member.</summary>
/// <param name="Outcome">How the call ended: <see cref="OperatorOutcome.Accepted"/> (also when nothing was unreachable) or <see cref="OperatorOutcome.NotSupported"/>.</param>
/// <param name="Message">What happened.</param>
/// <param name="Downed">The address of every member marked down, in address order; empty when none was unreachable.</param>
public sealed record DownUnreachableResult(OperatorOutcome Outcome, string Message, ImmutableArray<string> Downed);
