namespace Dynamo.Kv.Tests.Persistence;

/// <summary>A fact that needs a PostgreSQL server; skipped, with the reason, when none is configured.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when DYNAMO_TEST_POSTGRES is absent.</summary>
    public PostgresFactAttribute()
    {
        if (TestPostgres.SkipReason is { } reason)
            Skip = reason;
    }
}
