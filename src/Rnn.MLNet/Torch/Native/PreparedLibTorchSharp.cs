namespace Rnn.MLNet;

/// <summary>A patched copy of libLibTorchSharp.so in the cache, ready to load.</summary>
/// <param name="OriginalPath">The file .NET would have loaded.</param>
/// <param name="PatchedPath">The patched copy.</param>
/// <param name="Plan">Why it was patched and which versions were made weak.</param>
/// <param name="Needed">The library's DT_NEEDED sonames, in load order.</param>
internal sealed record PreparedLibTorchSharp(string OriginalPath, string PatchedPath, LibTorchSharpPatchPlan Plan, IReadOnlyList<string> Needed);
