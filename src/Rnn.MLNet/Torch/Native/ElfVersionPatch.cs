using System.Buffers.Binary;

namespace Rnn.MLNet;

/// <summary>Makes version requirements weak in a copy of an ELF file: only the VER_FLG_WEAK bit of each vna_flags changes.</summary>
internal static class ElfVersionPatch
{
    /// <summary>
    /// Returns a copy of <paramref name="image"/>'s bytes in which each of <paramref name="requirements"/> (read from
    /// that same image) has <see cref="ElfVersionRequirement.WeakFlag"/> set. Every other byte is unchanged.
    /// </summary>
    public static byte[] MarkWeak(ElfImage image, IEnumerable<ElfVersionRequirement> requirements)
    {
        var copy = image.Bytes.ToArray();
        foreach (var requirement in requirements)
        {
            // The requirement must describe these very bytes, or the bit would land somewhere else.
            if (image.U16(requirement.FlagsOffset) != requirement.Flags)
                throw image.Malformed($"the flags of {requirement.VersionName} at 0x{requirement.FlagsOffset:x} are not the ones read before");
            var flags = copy.AsSpan((int)requirement.FlagsOffset, 2);
            BinaryPrimitives.WriteUInt16LittleEndian(flags, (ushort)(requirement.Flags | ElfVersionRequirement.WeakFlag));
        }

        return copy;
    }
}
