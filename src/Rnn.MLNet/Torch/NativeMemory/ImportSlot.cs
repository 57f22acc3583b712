using System.Runtime.InteropServices;

namespace Rnn.MLNet;

/// <summary>One GOT slot of a loaded library: the address its calls to an imported function jump through.</summary>
/// <param name="Library">The library's file name, for messages.</param>
/// <param name="Symbol">The imported function.</param>
/// <param name="Address">The slot's address in this process.</param>
internal sealed record ImportSlot(string Library, string Symbol, nint Address)
{
    /// <summary>What the slot holds now.</summary>
    public nint Read() => Marshal.ReadIntPtr(Address);

    /// <summary>
    /// Points the slot at <paramref name="target"/>; false when its page cannot be made writable. A pointer-sized aligned
    /// store, so a thread calling through the slot meanwhile reaches either the old target or the new one.
    /// </summary>
    public bool Write(nint target)
    {
        bool readOnly = !IsWritable();
        if (readOnly && !CLibrary.Protect(Address, writable: true))
            return false;
        Marshal.WriteIntPtr(Address, target);
        if (readOnly)
            CLibrary.Protect(Address, writable: false);
        return true;
    }

    /// <summary>Whether the mapping holding the slot is writable now (/proc/self/maps), as the GOT of a library linked without full RELRO is.</summary>
    private bool IsWritable()
    {
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            // "start-end perms ..." in hexadecimal.
            int dash = line.IndexOf('-', StringComparison.Ordinal), space = line.IndexOf(' ', StringComparison.Ordinal);
            if (dash < 0 || space < dash)
                continue;
            ulong start = Convert.ToUInt64(line[..dash], 16), end = Convert.ToUInt64(line[(dash + 1)..space], 16);
            if ((ulong)Address >= start && (ulong)Address < end)
                return line[space + 2] == 'w';
        }

        return false;
    }
}
