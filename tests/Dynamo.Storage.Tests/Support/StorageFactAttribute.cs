using Xunit.Sdk;

namespace Dynamo.Storage.Tests.Support;

/// <summary>
/// A conformance fact. It is declared once on the abstract suite and runs for every backend's
/// derived class; the discoverer skips it for classes marked <see cref="RequiresPostgresAttribute"/>
/// when no server is configured (an attribute on the base method cannot know the derived class).
/// </summary>
[XunitTestCaseDiscoverer("Dynamo.Storage.Tests.Support.StorageFactDiscoverer", "Dynamo.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StorageFactAttribute : FactAttribute;
