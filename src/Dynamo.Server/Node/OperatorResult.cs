namespace Dynamo.Server.Node;

/// <summary>The answer to an operator call.</summary>
/// <param name="Outcome">How the call ended.</param>
/// <param name="Message">What happened, naming the address.</param>
public sealed record OperatorResult(OperatorOutcome Outcome, string Message);
