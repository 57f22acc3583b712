using System.Runtime.InteropServices;

namespace Rnn.MLNet;

/// <summary>The C library functions the buffer cache calls, resolved from the process's own libc (Linux only).</summary>
internal static unsafe class CLibrary
{
    private const int ProtectRead = 1;
    private const int ProtectWrite = 2;
    private const int LinkMapRequest = 2; // RTLD_DI_LINKMAP

    private static readonly Lazy<Functions?> Resolved = new(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether this is Linux with a C library that has everything below.</summary>
    public static bool IsAvailable => Resolved.Value is not null;

    /// <summary><c>posix_memalign</c>'s address, as a GOT slot holds it.</summary>
    public static nint PosixMemalignAddress => Get().PosixMemalign;

    /// <summary><c>free</c>'s address.</summary>
    public static nint FreeAddress => Get().Free;

    /// <summary>A block of <paramref name="size"/> bytes aligned to <paramref name="alignment"/>, or 0.</summary>
    public static nint Allocate(long size, long alignment)
    {
        nint block;
        int error = ((delegate* unmanaged<nint*, nuint, nuint, int>)Get().PosixMemalign)(&block, (nuint)alignment, (nuint)size);
        return error == 0 ? block : 0;
    }

    /// <summary>C's <c>posix_memalign</c>, for requests the cache does not take.</summary>
    public static int PosixMemalign(nint* result, nuint alignment, nuint size) =>
        ((delegate* unmanaged<nint*, nuint, nuint, int>)Get().PosixMemalign)(result, alignment, size);

    /// <summary>C's <c>free</c>.</summary>
    public static void Free(nint block) => ((delegate* unmanaged<nint, void>)Get().Free)(block);

    /// <summary>Makes the pages holding [<paramref name="address"/>, +8) writable or read-only again.</summary>
    public static bool Protect(nint address, bool writable)
    {
        long page = Environment.SystemPageSize;
        nint start = (nint)((long)address / page * page);
        int protection = writable ? ProtectRead | ProtectWrite : ProtectRead;
        return ((delegate* unmanaged<nint, nuint, int, int>)Get().Mprotect)(start, (nuint)page, protection) == 0;
    }

    /// <summary>The load base and path of a library the process has loaded (its glibc <c>link_map</c>), or null.</summary>
    public static (nint Base, string Path)? LoadedLibrary(nint handle)
    {
        nint map;
        if (((delegate* unmanaged<nint, int, nint*, int>)Get().DlInfo)(handle, LinkMapRequest, &map) != 0 || map == 0)
            return null;
        // struct link_map { ElfW(Addr) l_addr; char *l_name; ... }
        nint loadBase = *(nint*)map;
        string? path = Marshal.PtrToStringUTF8(*(nint*)(map + sizeof(nint)));
        return path is { Length: > 0 } ? (loadBase, path) : null;
    }

    private static Functions Get() => Resolved.Value ?? throw new PlatformNotSupportedException("The C library functions of the buffer cache are unavailable here.");

    private static Functions? Resolve()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libc.so.6", out var libc))
            return null;
        // dlinfo moved from libdl into libc in glibc 2.34.
        if (!NativeLibrary.TryGetExport(libc, "dlinfo", out var dlinfo) &&
            !(NativeLibrary.TryLoad("libdl.so.2", out var libdl) && NativeLibrary.TryGetExport(libdl, "dlinfo", out dlinfo)))
            return null;
        return NativeLibrary.TryGetExport(libc, "posix_memalign", out var posixMemalign) &&
            NativeLibrary.TryGetExport(libc, "free", out var free) &&
            NativeLibrary.TryGetExport(libc, "mprotect", out var mprotect)
            ? new Functions(posixMemalign, free, mprotect, dlinfo)
            : null;
    }

    private sealed record Functions(nint PosixMemalign, nint Free, nint Mprotect, nint DlInfo);
}
