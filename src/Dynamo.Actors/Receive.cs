namespace Dynamo.Actors;

/// <summary>A behaviour: handles <paramref name="message"/> and answers whether it did.</summary>
public delegate bool Receive(object message);
