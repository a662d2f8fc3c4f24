using Xunit.Abstractions;
using Xunit.Sdk;

namespace Dynamo.Storage.Tests.Support;

/// <summary>A test case reported as skipped with a reason decided at discovery.</summary>
public sealed class SkippedTestCase : XunitTestCase
{
    private string reason = "";

    /// <summary>For the deserializer only.</summary>
    [Obsolete("Called by the deserializer only.", error: true)]
    public SkippedTestCase() { }

    /// <summary>Creates a case for <paramref name="testMethod"/> that is skipped because of <paramref name="reason"/>.</summary>
    public SkippedTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod, string reason)
        : base(diagnosticMessageSink, display, displayOptions, testMethod)
    {
        this.reason = reason;
        // The base may resolve its skip reason before ours is assigned; set it outright.
        SkipReason = reason;
    }

    /// <inheritdoc />
    protected override string GetSkipReason(IAttributeInfo factAttribute) => reason;

    /// <inheritdoc />
    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("Reason", reason);
    }

    /// <inheritdoc />
    public override void Deserialize(IXunitSerializationInfo data)
    {
        base.Deserialize(data);
        reason = data.GetValue<string>("Reason");
        // The base resolved its skip reason while deserializing, before ours was read.
        SkipReason = reason;
    }
}
