using Dynamo.Storage.Tests.Support;

namespace Dynamo.Storage.Tests.Conformance;

/// <summary>
/// The behaviour every storage plugin must show. Each backend derives one class that says how to
/// open (and reopen) its store; every test here then runs against that backend.
/// </summary>
public abstract class StorageConformanceTests : IAsyncLifetime
{
    /// <summary>Generous bound on any single test's waiting; a hang fails instead of stalling the run.</summary>
    protected static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource timeout = new(Limit);

    /// <summary>The store under test; replaced by <see cref="RestartAsync"/>.</summary>
    protected IStoragePlugin Plugin { get; private set; } = null!;

    /// <summary>Cancels every call once the test ran too long.</summary>
    protected CancellationToken Token => timeout.Token;

    private IKeyValueStore Kv => Plugin.KeyValues;

    /// <summary>Opens the backend's store; called again after a dispose it must find the same data.</summary>
    protected abstract Task<IStoragePlugin> OpenAsync();

    /// <summary>Removes whatever the store left behind (files, schemas).</summary>
    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task InitializeAsync() => Plugin = await OpenAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Plugin.DisposeAsync();
        await CleanUpAsync();
        timeout.Dispose();
    }

    /// <summary>Closes the store and opens it again, as a node restart does.</summary>
    protected async Task RestartAsync()
    {
        await Plugin.DisposeAsync();
        Plugin = await OpenAsync();
    }

    private Task PutAsync(int partition, byte[] key, byte[] value) => Kv.PutAsync(partition, [new KeyValueEntry(key, value)], Token);

    private async Task<string?> GetHexAsync(int partition, byte[] key) =>
        await Kv.GetAsync(partition, key, Token) is { } value ? Bytes.Hex(value) : null;

    [StorageFact]
    public async Task Get_of_a_missing_key_returns_null()
    {
        Assert.Null(await Kv.GetAsync(0, Bytes.Of("nothing"), Token));
    }

    [StorageFact]
    public async Task Put_then_get_returns_the_value()
    {
        await PutAsync(1, Bytes.Of("k"), Bytes.Of("v1"));

        Assert.Equal(Bytes.Hex(Bytes.Of("v1")), await GetHexAsync(1, Bytes.Of("k")));
    }

    [StorageFact]
    public async Task Put_replaces_the_earlier_value()
    {
        await PutAsync(1, Bytes.Of("k"), Bytes.Of("old"));
        await PutAsync(1, Bytes.Of("k"), Bytes.Of("new"));

        Assert.Equal(Bytes.Hex(Bytes.Of("new")), await GetHexAsync(1, Bytes.Of("k")));
        Assert.Equal(1, await Kv.CountAsync(1, Token));
    }

    [StorageFact]
    public async Task Empty_value_is_stored_and_differs_from_a_missing_key()
    {
        await PutAsync(2, Bytes.Of("empty"), []);

        var value = await Kv.GetAsync(2, Bytes.Of("empty"), Token);
        Assert.NotNull(value);
        Assert.Empty(value);
    }

    [StorageFact]
    public async Task One_MiB_value_round_trips_intact()
    {
        var big = Bytes.Pattern(42, 1024 * 1024);
        await PutAsync(3, Bytes.Of("big"), big);

        Assert.Equal(Bytes.Hex(big), await GetHexAsync(3, Bytes.Of("big")));
        var scanned = Assert.Single(await Kv.ScanAsync(3, Array.Empty<byte>(), null, 10, Token));
        Assert.Equal(big.Length, scanned.Value.Length);
    }

    [StorageFact]
    public async Task Binary_keys_with_zero_and_ff_bytes_are_distinct_keys()
    {
        byte[][] keys = [[], [0x00], [0x00, 0x00], [0xFF], [0xFF, 0xFF], [0x00, 0xFF], [0xFF, 0x00], [0x61, 0x00, 0x62]];
        for (var i = 0; i < keys.Length; i++)
            await PutAsync(4, keys[i], [(byte)i]);

        for (var i = 0; i < keys.Length; i++)
            Assert.Equal(Bytes.Hex(new[] { (byte)i }), await GetHexAsync(4, keys[i]));
        Assert.Equal(keys.Length, await Kv.CountAsync(4, Token));
    }

    [StorageFact]
    public async Task Scan_orders_keys_bytewise_unsigned_with_prefixes_first()
    {
        byte[][] keys =
        [
            Bytes.Of("ab"), Bytes.Of("a"), [0x80], [0x7F], [0xFF], [0x61, 0x00], [0x61, 0xFF], Bytes.Of("b"), [], [0x00], [0xC3, 0xA9],
        ];
        await Kv.PutAsync(5, [.. keys.Select(k => new KeyValueEntry(k, k))], Token);

        var scanned = await Kv.ScanAsync(5, Array.Empty<byte>(), null, 100, Token);

        var expected = keys.Select(Bytes.Hex).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, scanned.Select(e => Bytes.Hex(e.Key)).ToList());
        Assert.All(scanned, e => Assert.Equal(Bytes.Hex(e.Key), Bytes.Hex(e.Value)));
    }

    [StorageFact]
    public async Task Scan_returns_the_half_open_range_up_to_the_limit()
    {
        await Kv.PutAsync(6, [.. Enumerable.Range(0, 10).Select(i => new KeyValueEntry(new[] { (byte)i }, new[] { (byte)i }))], Token);

        var range = await Kv.ScanAsync(6, new byte[] { 2 }, new byte[] { 7 }, 100, Token);
        var limited = await Kv.ScanAsync(6, new byte[] { 2 }, new byte[] { 7 }, 3, Token);
        var open = await Kv.ScanAsync(6, new byte[] { 8 }, null, 100, Token);

        Assert.Equal([2, 3, 4, 5, 6], range.Select(e => (int)e.Key.Span[0]));
        Assert.Equal([2, 3, 4], limited.Select(e => (int)e.Key.Span[0]));
        Assert.Equal([8, 9], open.Select(e => (int)e.Key.Span[0]));
    }

    [StorageFact]
    public async Task Ten_thousand_keys_page_through_in_order_without_gaps()
    {
        const int total = 10_000;
        var keys = Enumerable.Range(0, total).Select(i => Bytes.Of($"key-{i:D6}")).ToArray();
        foreach (var chunk in keys.Chunk(1000))
            await Kv.PutAsync(7, [.. chunk.Select(k => new KeyValueEntry(k, k))], Token);

        var seen = new List<string>();
        ReadOnlyMemory<byte> from = Array.Empty<byte>();
        while (true)
        {
            var page = await Kv.ScanAsync(7, from, null, 777, Token);
            seen.AddRange(page.Select(e => Bytes.Hex(e.Key)));
            if (page.Count < 777)
                break;
            from = page[^1].Key.ToArray().Append((byte)0x00).ToArray();
        }

        Assert.Equal(keys.Select(Bytes.Hex).ToList(), seen);
        Assert.Equal(total, await Kv.CountAsync(7, Token));
    }

    [StorageFact]
    public async Task Fold_streams_every_entry_of_the_partition_in_order()
    {
        var keys = Enumerable.Range(0, 1300).Select(i => Bytes.Of($"f{i:D5}")).ToArray();
        await Kv.PutAsync(8, [.. keys.Select(k => new KeyValueEntry(k, k))], Token);
        await PutAsync(9, Bytes.Of("other partition"), new byte[] { 1 });

        var folded = new List<string>();
        await foreach (var entry in Kv.FoldAsync(8, Token))
        {
            Assert.Equal(Bytes.Hex(entry.Key), Bytes.Hex(entry.Value));
            folded.Add(Bytes.Hex(entry.Key));
        }

        Assert.Equal(keys.Select(Bytes.Hex).ToList(), folded);
    }

    [StorageFact]
    public async Task Partitions_keep_equal_keys_apart()
    {
        await PutAsync(10, Bytes.Of("same"), Bytes.Of("ten"));
        await PutAsync(11, Bytes.Of("same"), Bytes.Of("eleven"));

        Assert.Equal(Bytes.Hex(Bytes.Of("ten")), await GetHexAsync(10, Bytes.Of("same")));
        Assert.Equal(Bytes.Hex(Bytes.Of("eleven")), await GetHexAsync(11, Bytes.Of("same")));
        Assert.Equal(1, await Kv.DeleteAsync(10, [Bytes.Of("same")], Token));
        Assert.Null(await GetHexAsync(10, Bytes.Of("same")));
        Assert.NotNull(await GetHexAsync(11, Bytes.Of("same")));
    }

    [StorageFact]
    public async Task Batch_with_a_repeated_key_keeps_the_later_value()
    {
        await Kv.PutAsync(12, [new(Bytes.Of("k"), Bytes.Of("first")), new(Bytes.Of("j"), Bytes.Of("j")), new(Bytes.Of("k"), Bytes.Of("second"))], Token);

        Assert.Equal(Bytes.Hex(Bytes.Of("second")), await GetHexAsync(12, Bytes.Of("k")));
        Assert.Equal(2, await Kv.CountAsync(12, Token));
    }

    [StorageFact]
    public async Task Puts_issued_without_awaiting_apply_in_call_order()
    {
        var puts = Enumerable.Range(0, 100)
            .Select(i => Kv.PutAsync(16, [new KeyValueEntry(Bytes.Of("k"), BitConverter.GetBytes(i))], Token))
            .ToArray();
        await Task.WhenAll(puts).WaitAsync(Limit);

        Assert.Equal(Bytes.Hex(BitConverter.GetBytes(99)), await GetHexAsync(16, Bytes.Of("k")));
    }

    [StorageFact]
    public async Task Delete_reports_how_many_keys_existed()
    {
        await Kv.PutAsync(13, [new(Bytes.Of("a"), new byte[] { 1 }), new(Bytes.Of("b"), new byte[] { 2 })], Token);

        var deleted = await Kv.DeleteAsync(13, [Bytes.Of("a"), Bytes.Of("missing")], Token);

        Assert.Equal(1, deleted);
        Assert.Null(await GetHexAsync(13, Bytes.Of("a")));
        Assert.NotNull(await GetHexAsync(13, Bytes.Of("b")));
    }

    [StorageFact]
    public async Task Puts_and_deletes_issued_without_awaiting_apply_in_call_order()
    {
        // A vnode reaps a tombstone with a delete queued behind its writes, and may write the key again right after.
        var first = Kv.PutAsync(17, [new KeyValueEntry(Bytes.Of("reaped"), new byte[] { 1 }), new KeyValueEntry(Bytes.Of("recreated"), new byte[] { 1 })], Token);
        var reap = Kv.DeleteAsync(17, [Bytes.Of("reaped"), Bytes.Of("recreated")], Token);
        var again = Kv.PutAsync(17, [new KeyValueEntry(Bytes.Of("recreated"), new byte[] { 2 })], Token);
        await Task.WhenAll(first, reap, again).WaitAsync(Limit);

        Assert.Equal(2, await reap);
        Assert.Null(await GetHexAsync(17, Bytes.Of("reaped")));
        Assert.Equal(Bytes.Hex(new byte[] { 2 }), await GetHexAsync(17, Bytes.Of("recreated")));
    }

    [StorageFact]
    public async Task Drop_partition_removes_only_that_partition()
    {
        await PutAsync(14, Bytes.Of("a"), new byte[] { 1 });
        await PutAsync(14, Bytes.Of("b"), new byte[] { 2 });
        await PutAsync(15, Bytes.Of("a"), [3]);

        await Kv.DropPartitionAsync(14, Token);

        Assert.Equal(0, await Kv.CountAsync(14, Token));
        Assert.Equal(1, await Kv.CountAsync(15, Token));
        Assert.Equal([15], await Kv.ListPartitionsAsync(Token));
    }

    [StorageFact]
    public async Task List_partitions_names_those_holding_data_in_ascending_order()
    {
        foreach (var partition in new[] { 63, 0, 17, 5 })
            await PutAsync(partition, Bytes.Of("k"), new byte[] { 1 });
        await Kv.DeleteAsync(5, [Bytes.Of("k")], Token);

        Assert.Equal([0, 17, 63], await Kv.ListPartitionsAsync(Token));
    }

    [StorageFact]
    public async Task Hints_are_listed_per_owner_in_id_order_page_by_page()
    {
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Plugin.Hints.AddAsync("node-b", i, Bytes.Of($"k{i}"), Bytes.Of($"v{i}"), Token));
            await Plugin.Hints.AddAsync("node-c", i, Bytes.Of($"c{i}"), Array.Empty<byte>(), Token);
        }

        var first = await Plugin.Hints.ListAsync("node-b", 0, 3, Token);
        var second = await Plugin.Hints.ListAsync("node-b", first[^1].Id, 3, Token);

        Assert.Equal(ids, [.. first.Concat(second).Select(h => h.Id)]);
        Assert.True(ids.SequenceEqual(ids.Order()), "hint ids ascend in the order hints were added");
        Assert.Equal(Enumerable.Range(0, 5), first.Concat(second).Select(h => h.Partition));
        Assert.Equal(Bytes.Hex(Bytes.Of("v4")), Bytes.Hex(second[^1].Value));
        Assert.All(first.Concat(second), h => Assert.Equal("node-b", h.Owner));
        Assert.Equal(["node-b", "node-c"], await Plugin.Hints.ListOwnersAsync(Token));
        Assert.Equal(5, await Plugin.Hints.CountAsync("node-c", Token));
    }

    [StorageFact]
    public async Task Hints_of_one_key_are_found_for_their_owner_and_partition_only_in_id_order()
    {
        var first = await Plugin.Hints.AddAsync("node-b", 7, Bytes.Of("k"), Bytes.Of("v1"), Token);
        await Plugin.Hints.AddAsync("node-b", 7, Bytes.Of("other"), Bytes.Of("x"), Token);
        await Plugin.Hints.AddAsync("node-b", 8, Bytes.Of("k"), Bytes.Of("y"), Token);
        await Plugin.Hints.AddAsync("node-c", 7, Bytes.Of("k"), Bytes.Of("z"), Token);
        var second = await Plugin.Hints.AddAsync("node-b", 7, Bytes.Of("k"), Bytes.Of("v2"), Token);

        var found = await Plugin.Hints.ListForKeyAsync("node-b", 7, Bytes.Of("k"), Token);

        Assert.Equal([first, second], found.Select(h => h.Id));
        Assert.Equal([Bytes.Hex(Bytes.Of("v1")), Bytes.Hex(Bytes.Of("v2"))], found.Select(h => Bytes.Hex(h.Value)));
        Assert.All(found, h => Assert.Equal(Bytes.Hex(Bytes.Of("k")), Bytes.Hex(h.Key)));
        Assert.All(found, h => Assert.Equal(("node-b", 7), (h.Owner, h.Partition)));
        Assert.True(await Plugin.Hints.DeleteAsync(first, Token));
        Assert.Equal([second], (await Plugin.Hints.ListForKeyAsync("node-b", 7, Bytes.Of("k"), Token)).Select(h => h.Id));
        Assert.Empty(await Plugin.Hints.ListForKeyAsync("node-d", 7, Bytes.Of("k"), Token));
    }

    [StorageFact]
    public async Task Acknowledged_hint_is_deleted_once()
    {
        var id = await Plugin.Hints.AddAsync("owner", 1, Bytes.Of("k"), Bytes.Of("v"), Token);

        Assert.True(await Plugin.Hints.DeleteAsync(id, Token));
        Assert.False(await Plugin.Hints.DeleteAsync(id, Token));
        Assert.Empty(await Plugin.Hints.ListAsync("owner", 0, 10, Token));
        Assert.Empty(await Plugin.Hints.ListOwnersAsync(Token));
    }

    [StorageFact]
    public async Task Metadata_is_set_replaced_and_deleted()
    {
        Assert.Null(await Plugin.Metadata.GetAsync(MetadataKeys.Ring, Token));

        await Plugin.Metadata.SetAsync(MetadataKeys.Ring, Bytes.Of("ring-1"), Token);
        await Plugin.Metadata.SetAsync(MetadataKeys.Ring, Bytes.Of("ring-2"), Token);
        await Plugin.Metadata.SetAsync(MetadataKeys.NodeId, Array.Empty<byte>(), Token);

        Assert.Equal(Bytes.Hex(Bytes.Of("ring-2")), Bytes.Hex((await Plugin.Metadata.GetAsync(MetadataKeys.Ring, Token))!));
        Assert.Empty((await Plugin.Metadata.GetAsync(MetadataKeys.NodeId, Token))!);
        Assert.True(await Plugin.Metadata.DeleteAsync(MetadataKeys.Ring, Token));
        Assert.False(await Plugin.Metadata.DeleteAsync(MetadataKeys.Ring, Token));
        Assert.Null(await Plugin.Metadata.GetAsync(MetadataKeys.Ring, Token));
    }

    [StorageFact]
    public async Task Many_writers_and_readers_on_one_partition_see_only_written_values()
    {
        const int writers = 16;
        const int putsPerWriter = 50;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < putsPerWriter; i++)
                await PutAsync(20, Bytes.Of($"w{w:D2}-{i:D3}"), Bytes.Pattern(w * 1000 + i, 100));
        })).ToArray();
        var reading = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            var random = new Random(r);
            var reads = 0;
            while (!stop.IsCancellationRequested || reads == 0)
            {
                var (w, i) = (random.Next(writers), random.Next(putsPerWriter));
                var value = await Kv.GetAsync(20, Bytes.Of($"w{w:D2}-{i:D3}"));
                if (value is not null)
                    Assert.Equal(Bytes.Hex(Bytes.Pattern(w * 1000 + i, 100)), Bytes.Hex(value));
                var page = await Kv.ScanAsync(20, Bytes.Of($"w{w:D2}"), null, 20);
                Assert.True(page.Select(e => Bytes.Hex(e.Key)).SequenceEqual(page.Select(e => Bytes.Hex(e.Key)).Order(StringComparer.Ordinal)));
                reads++;
                // SQLite reads complete synchronously; yield so spinning readers cannot starve the writers' continuations.
                await Task.Yield();
            }
        })).ToArray();

        await Task.WhenAll(writing).WaitAsync(Limit);
        await stop.CancelAsync();
        await Task.WhenAll(reading).WaitAsync(Limit);

        Assert.Equal(writers * putsPerWriter, await Kv.CountAsync(20, Token));
        for (var w = 0; w < writers; w++)
            Assert.Equal(Bytes.Hex(Bytes.Pattern(w * 1000 + 7, 100)), await GetHexAsync(20, Bytes.Of($"w{w:D2}-007")));
    }

    [StorageFact]
    public async Task Everything_written_is_found_after_a_restart()
    {
        var big = Bytes.Pattern(7, 1024 * 1024);
        await Kv.PutAsync(30, [new(Bytes.Of("a"), Bytes.Of("1")), new(new byte[] { 0x00, 0xFF }, big), new(Bytes.Of("empty"), Array.Empty<byte>())], Token);
        await PutAsync(31, Bytes.Of("b"), Bytes.Of("2"));
        await Kv.DeleteAsync(31, [Bytes.Of("b")], Token);
        var hint = await Plugin.Hints.AddAsync("node-x", 30, Bytes.Of("h"), Bytes.Of("hv"), Token);
        await Plugin.Metadata.SetAsync(MetadataKeys.Incarnation, new byte[] { 0, 0, 0, 7 }, Token);

        await RestartAsync();

        Assert.Equal(Bytes.Hex(Bytes.Of("1")), await GetHexAsync(30, Bytes.Of("a")));
        Assert.Equal(Bytes.Hex(big), await GetHexAsync(30, new byte[] { 0x00, 0xFF }));
        Assert.Equal("", await GetHexAsync(30, Bytes.Of("empty")));
        Assert.Null(await GetHexAsync(31, Bytes.Of("b")));
        Assert.Equal([30], await Kv.ListPartitionsAsync(Token));
        var stored = Assert.Single(await Plugin.Hints.ListAsync("node-x", 0, 10, Token));
        Assert.Equal((hint, Bytes.Hex(Bytes.Of("hv"))), (stored.Id, Bytes.Hex(stored.Value)));
        Assert.Equal("00000007", Bytes.Hex((await Plugin.Metadata.GetAsync(MetadataKeys.Incarnation, Token))!));
        Assert.True(await Plugin.Hints.AddAsync("node-x", 30, Bytes.Of("h2"), Array.Empty<byte>(), Token) > hint, "hint ids keep ascending across restarts");
    }

    [StorageFact]
    public async Task Changing_the_callers_buffer_after_a_put_does_not_change_the_stored_value()
    {
        var key = Bytes.Of("k");
        var value = Bytes.Of("original");
        var put = Kv.PutAsync(40, [new KeyValueEntry(key, value)], Token);
        value[0] = (byte)'X';
        key[0] = (byte)'X';
        await put;

        Assert.Equal(Bytes.Hex(Bytes.Of("original")), await GetHexAsync(40, Bytes.Of("k")));
        Assert.Null(await GetHexAsync(40, Bytes.Of("X")));
    }

    [StorageFact]
    public async Task Put_cancelled_before_the_call_is_not_written()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Kv.PutAsync(41, [new KeyValueEntry(Bytes.Of("k"), new byte[] { 1 })], cancelled.Token));

        Assert.Null(await GetHexAsync(41, Bytes.Of("k")));
    }

    [StorageFact]
    public async Task Blocking_on_a_call_from_a_single_threaded_context_does_not_deadlock()
    {
        var outcome = await SingleThreadedContext.RunAsync(() =>
        {
            // The classic sync-over-async deadlock: block the only thread of the context while the
            // store completes. It only completes if the store never needs this context back.
            Kv.PutAsync(42, [new KeyValueEntry(Bytes.Of("k"), Bytes.Of("v"))], Token).Wait(Limit);
            Plugin.Hints.AddAsync("o", 42, Bytes.Of("k"), Bytes.Of("v"), Token).Wait(Limit);
            return Kv.GetAsync(42, Bytes.Of("k"), Token).AsTask().Wait(Limit)
                && Kv.ScanAsync(42, Array.Empty<byte>(), null, 10, Token).Wait(Limit);
        }).WaitAsync(Limit);

        Assert.True(outcome);
        Assert.Equal(Bytes.Hex(Bytes.Of("v")), await GetHexAsync(42, Bytes.Of("k")));
    }

    [StorageFact]
    public async Task Calls_on_a_disposed_store_fail_with_object_disposed()
    {
        var store = Plugin.KeyValues;
        await Plugin.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.PutAsync(0, [new KeyValueEntry(Bytes.Of("k"), new byte[] { 1 })], Token));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetAsync(0, Bytes.Of("k"), Token).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Plugin.Metadata.SetAsync("n", new byte[] { 1 }, Token));
    }

    [StorageFact]
    public async Task Bad_arguments_are_rejected_with_the_parameter_named()
    {
        var partition = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Kv.GetAsync(-1, Bytes.Of("k"), Token).AsTask());
        var limit = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Kv.ScanAsync(0, Array.Empty<byte>(), null, 0, Token));
        var owner = await Assert.ThrowsAsync<ArgumentException>(() => Plugin.Hints.AddAsync("", 0, Bytes.Of("k"), Array.Empty<byte>(), Token));

        Assert.Equal(("partition", "limit", "owner"), (partition.ParamName, limit.ParamName, owner.ParamName));
    }
}
