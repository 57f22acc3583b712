using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// A fitted Rnn.MLNet featurizer. It runs, and is saved as, a chain of ML.NET's own transformers, so
/// <c>mlContext.Model.Load</c> reads a saved pipeline back without Rnn.MLNet (as those built-in transformers,
/// with equal outputs). This class adds input checks with clear messages and typed properties.
/// </summary>
public abstract class FeaturizerTransformer : ITransformer, IDisposable
{
    private readonly TransformerChain<ITransformer> _chain;

    private protected FeaturizerTransformer(TransformerChain<ITransformer> chain) => _chain = chain;

    /// <summary>Always true: every step maps rows one by one, so prediction engines work.</summary>
    public bool IsRowToRowMapper => ((ITransformer)_chain).IsRowToRowMapper;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        CheckInput(inputSchema);
        return _chain.GetOutputSchema(inputSchema);
    }

    /// <summary>Returns a lazy view of <paramref name="input"/> with the output column added.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input.Schema);
        return _chain.Transform(input);
    }

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        CheckInput(inputSchema);
        return ((ITransformer)_chain).GetRowToRowMapper(inputSchema);
    }

    /// <summary>Saves the built-in chain, which any ML.NET app can load.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_chain).Save(ctx);

    /// <summary>Releases the ONNX Runtime sessions of the chain's ONNX steps.</summary>
    public void Dispose()
    {
        foreach (var transformer in _chain)
            (transformer as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Throws a message that names the column and what was expected when the input does not fit.</summary>
    private protected abstract void CheckInput(DataViewSchema inputSchema);
}
