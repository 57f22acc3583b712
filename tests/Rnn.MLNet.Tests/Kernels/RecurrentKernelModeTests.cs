namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class RecurrentKernelModeTests
{
    [TestMethod]
    [DataRow(null, "Checked")]
    [DataRow("", "Checked")]
    [DataRow("checked", "Checked")]
    [DataRow("Unchecked", "Unchecked")]
    [DataRow("with-gradients", "WithGradients")]
    [DataRow(" onednn-off ", "OneDnnOff")]
    [DataRow("packed", "Packed")]
    public void TheVariableNamesAMode(string? value, string expected) =>
        Assert.AreEqual(expected, RecurrentKernelModes.Parse(value).ToString());

    [TestMethod]
    public void AnUnknownValueIsRefusedNamingTheVariableTheValueAndTheChoices()
    {
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => RecurrentKernelModes.Parse("mkldnn"));
        StringAssert.Contains(error.Message, "RNN_MLNET_RECURRENT_KERNELS is 'mkldnn'");
        StringAssert.Contains(error.Message, "checked, unchecked, with-gradients, onednn-off, packed");
    }
}
