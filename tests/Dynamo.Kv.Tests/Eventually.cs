namespace Dynamo.Kv.Tests;

/// <summary>Retries an asynchronous assertion until it holds or a bounded time passed, like the test kit's AwaitAssert.</summary>
internal static class Eventually
{
    public static async Task AssertAsync(Func<Task> assertion, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }
}
