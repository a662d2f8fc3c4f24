namespace Dynamo.Storage.Tests.Support;

/// <summary>
/// Marks a test class whose inherited <see cref="StorageFactAttribute"/> tests need a PostgreSQL
/// server, so that they are reported skipped when none is configured.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute;
