using System.Numerics;

namespace Rnn.MLNet;

/// <summary>
/// Keeps freed large blocks for the next request of the same size class instead of handing them back to the C
/// library, whose defaults unmap them and make the next batch fault every page in again. Blocks come from and finally
/// return to the C library (<see cref="Allocate"/>'s and <see cref="Release"/>'s callers pass its functions), so a
/// block the cache forgets is still an ordinary C-library block anyone may free.
/// </summary>
/// <remarks>
/// Thread-safe. Size classes are at most 1/8 wider than a request. A request takes a kept block of its own class, or else
/// the smallest kept block of a class up to <see cref="LargestFit"/> times as large: rows of varying lengths ask for
/// buffers of many sizes (an LSTM's workspace grows with the batch's steps), and without that each new size faulted its
/// pages in afresh (docs/PERFORMANCE.md, "Variable-length training").
/// </remarks>
internal sealed class LargeBlockCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<nint, Block> _live = [];
    private readonly Dictionary<(long Size, long Alignment), Stack<nint>> _free = [];
    // Kept blocks, oldest freed first: over the budget, the oldest go back to the C library so the newest sizes stay.
    private readonly LinkedList<nint> _age = [];
    private readonly Dictionary<nint, (long Size, long Alignment)> _freeKeys = [];
    private readonly Dictionary<nint, LinkedListNode<nint>> _ageNodes = [];
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

    /// <summary>A kept block serves a request whose size class is at least 1 / this of the block's.</summary>
    public const int LargestFit = 2;

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
            if (SmallestFit(key.Item1, alignment) is { } fit)
            {
                var kept = _free[fit].Pop();
                _age.Remove(_ageNodes[kept]);
                _ageNodes.Remove(kept);
                _freeKeys.Remove(kept);
                CachedBytes -= fit.Size;
                _live[kept] = new Block(fit.Size, alignment);
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

    /// <summary>
    /// Keeps <paramref name="block"/> when this cache handed it out (true), else leaves it to the caller (false). When keeping it
    /// would exceed the budget, the blocks kept longest go back to the C library first (the sizes a run asks for drift, e.g.
    /// with the lengths of its batches); a block larger than the whole budget goes back at once.
    /// </summary>
    /// <param name="block">A block someone frees.</param>
    /// <param name="free">The C library's free, for blocks over the budget.</param>
    public bool TryFree(nint block, Action<nint> free)
    {
        var released = new List<nint>();
        lock (_gate)
        {
            if (!_live.Remove(block, out var owned))
                return false;
            if (owned.Size > Budget)
            {
                released.Add(block);
            }
            else
            {
                while (CachedBytes + owned.Size > Budget && _age.First is { } oldest)
                {
                    var victim = oldest.Value;
                    _age.RemoveFirst();
                    _ageNodes.Remove(victim);
                    var victimKey = _freeKeys[victim];
                    _freeKeys.Remove(victim);
                    // The stack holds the victim somewhere below newer blocks of its class: rebuild it without it.
                    var rest = _free[victimKey].Where(b => b != victim).Reverse().ToArray();
                    _free[victimKey] = new Stack<nint>(rest);
                    CachedBytes -= victimKey.Size;
                    released.Add(victim);
                }

                var key = (owned.Size, owned.Alignment);
                if (!_free.TryGetValue(key, out var blocks))
                    _free[key] = blocks = new Stack<nint>();
                blocks.Push(block);
                _freeKeys[block] = key;
                _ageNodes[block] = _age.AddLast(block);
                CachedBytes += owned.Size;
                PeakCachedBytes = Math.Max(PeakCachedBytes, CachedBytes);
            }
        }

        foreach (var victim in released)
            free(victim);
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
            _age.Clear();
            _ageNodes.Clear();
            _freeKeys.Clear();
            _live.Clear();
            CachedBytes = 0;
        }

        foreach (var block in kept)
            free(block);
    }

    // Under _gate: the request's own class when a block of it is kept, else the smallest kept class up to LargestFit times as large.
    private (long Size, long Alignment)? SmallestFit(long sizeClass, long alignment)
    {
        if (_free.TryGetValue((sizeClass, alignment), out var own) && own.Count > 0)
            return (sizeClass, alignment);
        (long Size, long Alignment)? best = null;
        foreach (var (key, blocks) in _free)
        {
            if (blocks.Count > 0 && key.Alignment == alignment && key.Size > sizeClass && key.Size <= sizeClass * LargestFit && (best is null || key.Size < best.Value.Size))
                best = key;
        }

        return best;
    }

    private readonly record struct Block(long Size, long Alignment);
}
