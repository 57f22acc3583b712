namespace Rnn.Onnx.Tests;

[TestClass]
public sealed class TokenLookupTests
{
    [TestMethod]
    public void OneHotHasNoTableAndOneColumnPerRow()
    {
        var tokens = TokenLookup.OneHot(["a", "b", "c"]);
        Assert.IsTrue(tokens.IsOneHot);
        Assert.IsNull(tokens.Weights);
        Assert.AreEqual(4, tokens.Rows);
        Assert.AreEqual(4, tokens.Width);
    }

    [TestMethod]
    public void EmbeddingKeepsACopyOfItsTable()
    {
        float[] table = [.. Enumerable.Range(0, 3 * 2).Select(i => (float)i)];
        var tokens = TokenLookup.Embedding(["a", "b"], 2, table);
        table[0] = 99;
        Assert.IsFalse(tokens.IsOneHot);
        CollectionAssert.AreEqual(new[] { 0f, 1, 2, 3, 4, 5 }, tokens.Weights!.Value.ToArray());
    }

    [TestMethod]
    public void EmbeddingTableMustBeRowsByWidth()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => TokenLookup.Embedding(["a", "b"], 2, new float[4]));
        StringAssert.Contains(ex.Message, "4 values");
        StringAssert.Contains(ex.Message, "[3x2] = 6");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => TokenLookup.Embedding(["a"], 0, []));
    }

    [TestMethod]
    public void NullTokensAreRefused()
    {
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => TokenLookup.OneHot(["a", null!])).Message, "Vocabulary entry 1 is null");
        Assert.ThrowsExactly<ArgumentNullException>(() => TokenLookup.OneHot(null!));
    }

    [TestMethod]
    public void IndexOfIsOrdinalAndZeroForUnknown()
    {
        var tokens = TokenLookup.OneHot(["The", "the"]);
        Assert.AreEqual(1, tokens.IndexOf("The"));
        Assert.AreEqual(2, tokens.IndexOf("the"));
        Assert.AreEqual(0, tokens.IndexOf("THE"));
    }
}
