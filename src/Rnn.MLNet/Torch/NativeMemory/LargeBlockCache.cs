using System.Numerics;

namespace Rnn.MLNet;

/// <summary>
/// Keeps freed large blocks for the next request of the same size class instead of handing them back to the C
/// library, whose defaults unmap them and make the next batch fault every page in again. Blocks come from and finally
/// return to the C library (<see cref="Allocate"/>'s and <see cref="Release"/>'s callers pass its functions), so a
/// block the cache forgets is still an ordinary C-library block anyone may free.
/// </summary>
/// <remarks>Thread-safe. Size classes are at most 1/8 wider than a request, so a block serves requests up to 12.5% smaller.</remarks>
internal sealed class LargeBlockCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<nint, Block> _live = [];
    private readonly Dictionary<(long Size, long Alignment), Stack<nint>> _free = [];
    private volatile bool _active;

    /// <param name="minimumSize">Smaller requests are left to the C library.</param>
    /// <param name="budget">Most bytes kept in freed blocks; a block that would exceed it goes back to the C library.</param>
    public LargeBlockCache(long minimumSize, long budget)
    {
        MinimumSize = minimumSize;
        Budget = budget;
    }

    public long MinimumSize { get; }

    public long Budget { get; }

    /// <summary>Bytes held in freed blocks now.</summary>
    public long CachedBytes { get; private set; }

    /// <summary>The most bytes held in freed blocks so far.</summary>
    public long PeakCachedBytes { get; private set; }

    /// <summary>Requests served from a kept block.</summary>
    public long Reused { get; private set; }

    /// <summary>Requests this cache took, reused or not.</summary>
    public long Requests { get; private set; }

    /// <summary>The size class a request of <paramref name="size"/> bytes falls in.</summary>
    public static long SizeClass(long size)
    {
        long step = Math.Max(64 << 10, (long)BitOperations.RoundUpToPowerOf2((ulong)size) / 16);
        return (size + step - 1) / step * step;
    }

    /// <summary>Whether <see cref="Allocate"/> takes a request of this size (else the caller asks the C library itself): only between <see cref="Start"/> and <see cref="Release"/>.</summary>
    public bool Takes(long size) => _active && size >= MinimumSize;

    /// <summary>Starts taking requests.</summary>
    public void Start()
    {
        lock (_gate)
            _active = true;
    }

    /// <summary>A block of at least <paramref name="size"/> bytes aligned to <paramref name="alignment"/>, kept or new; 0 when the C library has none.</summary>
    /// <param name="size">Bytes asked for (≥ <see cref="MinimumSize"/>).</param>
    /// <param name="alignment">Alignment asked for.</param>
    /// <param name="allocate">The C library's allocation: (size, alignment) → block or 0.</param>
    public nint Allocate(long size, long alignment, Func<long, long, nint> allocate)
    {
        var key = (SizeClass(size), alignment);
        lock (_gate)
        {
            Requests++;
            if (!_active)
                return allocate(size, alignment);
            if (_free.TryGetValue(key, out var blocks) && blocks.Count > 0)
            {
                var kept = blocks.Pop();
                CachedBytes -= key.Item1;
                _live[kept] = new Block(key.Item1, alignment);
                Reused++;
                return kept;
            }
        }

        var block = allocate(key.Item1, alignment);
        if (block == 0)
            return 0;
        lock (_gate)
        {
            // Released meanwhile: the block stays an ordinary C-library block, unknown to this cache.
            if (_active)
                _live[block] = new Block(key.Item1, alignment);
        }

        return block;
    }

    /// <summary>Keeps <paramref name="block"/> when this cache handed it out (true), else leaves it to the caller (false).</summary>
    /// <param name="block">A block someone frees.</param>
    /// <param name="free">The C library's free, for a block over the budget.</param>
    public bool TryFree(nint block, Action<nint> free)
    {
        Block owned;
        lock (_gate)
        {
            if (!_live.Remove(block, out owned))
                return false;
            if (CachedBytes + owned.Size <= Budget)
            {
                var key = (owned.Size, owned.Alignment);
                if (!_free.TryGetValue(key, out var blocks))
                    _free[key] = blocks = new Stack<nint>();
                blocks.Push(block);
                CachedBytes += owned.Size;
                PeakCachedBytes = Math.Max(PeakCachedBytes, CachedBytes);
                return true;
            }
        }

        free(block);
        return true;
    }

    /// <summary>Stops taking requests, hands every kept block back to the C library and forgets the live ones (they stay ordinary C-library blocks).</summary>
    public void Release(Action<nint> free)
    {
        List<nint> kept;
        lock (_gate)
        {
            _active = false;
            kept = [.. _free.Values.SelectMany(b => b)];
            _free.Clear();
            _live.Clear();
            CachedBytes = 0;
        }

        foreach (var block in kept)
            free(block);
    }

    private readonly record struct Block(long Size, long Alignment);
}
