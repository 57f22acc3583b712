using System.Security.Cryptography;
using System.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>
/// Checkpoints of a training run in a directory: model weights, optimizer state, libtorch's random state, the epoch
/// and the validation bookkeeping, each file written to a temporary name and renamed into place so a crash never
/// leaves a half-written checkpoint under a real name. A fingerprint of the configuration guards against resuming a
/// different run; a checksum guards against a damaged file (which is skipped in favour of an older one).
/// </summary>
internal sealed class CheckpointStore
{
    // Version 3 added the learning-rate schedule's state, version 4 the running weight average; older checkpoints are
    // skipped with a message saying so.
    private const string Magic = "RNNMLNET-CKPT-4";
    private const string MagicPrefix = "RNNMLNET-CKPT-";
    private const string Extension = ".ckpt";
    private const int Kept = 2;

    private readonly string _directory;
    private readonly string _fingerprint;

    public CheckpointStore(string directory, string fingerprint)
    {
        _directory = Path.GetFullPath(directory);
        _fingerprint = fingerprint;
        Directory.CreateDirectory(_directory);
    }

    /// <summary>Writes the checkpoint of <paramref name="state"/>.Epoch and prunes all but the newest few.</summary>
    public string Save(nn.Module network, optim.Optimizer optimizer, TrainingState state)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(state.Epoch);
            writer.Write(state.BestScore.HasValue);
            writer.Write(state.BestScore ?? 0);
            writer.Write(state.BestEpoch);
            writer.Write(state.EpochsWithoutImprovement);
            writer.Write(state.ChunkSizes.Length);
            foreach (int size in state.ChunkSizes)
                writer.Write(size);
            writer.Write(state.LearningRate.HasValue);
            writer.Write(state.LearningRate ?? 0);
            writer.Write(state.PlateauEpochs);
            WriteBlock(writer, state.BestWeights ?? []);
            WriteBlock(writer, Serialize(w => network.save(w)));
            WriteBlock(writer, Serialize(w => ((OptimizerHelper)optimizer).save_state_dict(w)));
            using var rng = torch.random.get_rng_state();
            WriteBlock(writer, rng.bytes.ToArray());
            WriteBlock(writer, state.AveragedWeights ?? []);
        }

        var bytes = payload.ToArray();
        string final = Path.Combine(_directory, $"epoch-{state.Epoch:D6}{Extension}");
        string temporary = final + $".{Environment.ProcessId}.tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new BinaryWriter(file, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(_fingerprint);
            writer.Write(SHA256.HashData(bytes));
            writer.Write(bytes.Length);
            writer.Write(bytes);
            writer.Flush();
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, final, overwrite: true);
        foreach (var old in Checkpoints().Skip(Kept))
            File.Delete(old);
        return final;
    }

    /// <summary>
    /// Restores the newest intact checkpoint into <paramref name="network"/> and <paramref name="optimizer"/>; returns
    /// null when there is none. Throws when the newest intact one belongs to another configuration.
    /// </summary>
    public (TrainingState State, string Path)? TryRestore(nn.Module network, optim.Optimizer optimizer, Action<string> log)
    {
        foreach (var path in Checkpoints())
        {
            if (!TryRead(path, out var fingerprint, out var payload, out var problem))
            {
                log($"Skipping checkpoint {path}: {problem}.");
                continue;
            }

            if (fingerprint != _fingerprint)
                throw new InvalidOperationException(
                    $"The checkpoint {path} was written by a training run with a different configuration ({fingerprint}); this run is ({_fingerprint}). " +
                    $"Delete the checkpoints in {_directory} or set another {nameof(RnnTrainerOptions.CheckpointDirectory)}.");

            using var reader = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
            int epoch = reader.ReadInt32();
            bool hasBest = reader.ReadBoolean();
            double best = reader.ReadDouble();
            int bestEpoch = reader.ReadInt32();
            int stale = reader.ReadInt32();
            var chunkSizes = new int[reader.ReadInt32()];
            for (int i = 0; i < chunkSizes.Length; i++)
                chunkSizes[i] = reader.ReadInt32();
            bool hasRate = reader.ReadBoolean();
            double rate = reader.ReadDouble();
            int plateauEpochs = reader.ReadInt32();
            var bestWeights = ReadBlock(reader);
            Deserialize(ReadBlock(reader), r => network.load(r));
            Deserialize(ReadBlock(reader), r => ((OptimizerHelper)optimizer).load_state_dict(r));
            var rngBytes = ReadBlock(reader);
            using (var rng = torch.tensor(rngBytes, ScalarType.Byte))
                torch.random.set_rng_state(rng);
            var averaged = ReadBlock(reader);
            return (new TrainingState(epoch, hasBest ? best : null, bestEpoch, stale, bestWeights.Length == 0 ? null : bestWeights, chunkSizes,
                hasRate ? rate : null, plateauEpochs, averaged.Length == 0 ? null : averaged), path);
        }

        return null;
    }

    /// <summary>The module's weights as bytes (for the in-memory best model).</summary>
    public static byte[] Serialize(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            write(writer);
        return stream.ToArray();
    }

    public static void Deserialize(byte[] bytes, Action<BinaryReader> read)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        read(reader);
    }

    private IEnumerable<string> Checkpoints() =>
        Directory.EnumerateFiles(_directory, "epoch-*" + Extension).OrderByDescending(p => p, StringComparer.Ordinal);

    private static bool TryRead(string path, out string fingerprint, out byte[] payload, out string problem)
    {
        fingerprint = "";
        payload = [];
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            string magic = reader.ReadString();
            if (magic != Magic)
            {
                problem = magic.StartsWith(MagicPrefix, StringComparison.Ordinal)
                    ? $"written in checkpoint format {magic[MagicPrefix.Length..]} by an older Rnn.MLNet; this one reads format {Magic[MagicPrefix.Length..]}"
                    : "not an Rnn.MLNet checkpoint";
                return false;
            }

            fingerprint = reader.ReadString();
            var hash = reader.ReadBytes(32);
            int length = reader.ReadInt32();
            if (length < 0 || length > reader.BaseStream.Length)
            {
                problem = $"declares {length} bytes of state";
                return false;
            }

            payload = reader.ReadBytes(length);
            if (payload.Length != length || !SHA256.HashData(payload).AsSpan().SequenceEqual(hash))
            {
                problem = "damaged (checksum mismatch or truncated)";
                return false;
            }

            problem = "";
            return true;
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or UnauthorizedAccessException)
        {
            problem = e.Message;
            return false;
        }
    }

    private static void WriteBlock(BinaryWriter writer, byte[] block)
    {
        writer.Write(block.Length);
        writer.Write(block);
    }

    private static byte[] ReadBlock(BinaryReader reader)
    {
        int length = reader.ReadInt32();
        return reader.ReadBytes(length);
    }
}
