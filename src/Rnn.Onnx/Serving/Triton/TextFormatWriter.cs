using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Rnn.Onnx.Serving.Triton;

/// <summary>
/// Writes a protobuf message in protobuf's text format (what Triton reads as config.pbtxt). Google.Protobuf for .NET
/// formats JSON only, so this covers what our messages use: scalars, strings, enums, nested and repeated messages,
/// repeated scalars (list syntax) and oneofs. Like protobuf's own printers it leaves out proto3 fields at their default
/// value, except a set oneof member or a set message field.
/// </summary>
internal static class TextFormatWriter
{
    public static string Write(IMessage message)
    {
        var text = new StringBuilder();
        WriteFields(text, message, indent: 0);
        return text.ToString();
    }

    private static void WriteFields(StringBuilder text, IMessage message, int indent)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            string pad = new(' ', indent);
            if (field.IsRepeated)
            {
                var items = ((System.Collections.IEnumerable)value).Cast<object>().ToList();
                if (items.Count == 0)
                    continue;
                if (field.FieldType == FieldType.Message)
                    foreach (var item in items)
                        WriteMessage(text, pad, field.Name, (IMessage)item, indent);
                else
                    text.Append(pad).Append(field.Name).Append(": [ ").AppendJoin(", ", items.Select(i => Scalar(field, i))).Append(" ]\n");
                continue;
            }

            bool inSetOneof = field.RealContainingOneof is { } oneof && oneof.Accessor.GetCaseFieldDescriptor(message) == field;
            if (field.FieldType == FieldType.Message)
            {
                if (value is IMessage nested)
                    WriteMessage(text, pad, field.Name, nested, indent);
                continue;
            }

            if (inSetOneof || !IsDefault(value))
                text.Append(pad).Append(field.Name).Append(": ").Append(Scalar(field, value)).Append('\n');
        }
    }

    private static void WriteMessage(StringBuilder text, string pad, string name, IMessage message, int indent)
    {
        text.Append(pad).Append(name).Append(" {\n");
        WriteFields(text, message, indent + 2);
        text.Append(pad).Append("}\n");
    }

    private static bool IsDefault(object value) => value switch
    {
        string s => s.Length == 0,
        bool b => !b,
        Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture) == 0,
        IConvertible number => number.ToDecimal(CultureInfo.InvariantCulture) == 0,
        _ => false,
    };

    private static string Scalar(FieldDescriptor field, object value) => field.FieldType switch
    {
        FieldType.String => Quote((string)value),
        FieldType.Bool => (bool)value ? "true" : "false",
        FieldType.Enum => field.EnumType.FindValueByNumber(Convert.ToInt32(value, CultureInfo.InvariantCulture))?.Name
            ?? throw new ArgumentException($"Field '{field.FullName}' holds {value}, which is not a value of {field.EnumType.FullName}."),
        FieldType.Float or FieldType.Double => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
        FieldType.Message or FieldType.Group or FieldType.Bytes => throw new NotSupportedException($"Field '{field.FullName}' ({field.FieldType}) is not a scalar this writer formats."),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    /// <summary>A double-quoted string with the escapes text format defines (backslash, quotes, control characters as octal).</summary>
    private static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            switch (b)
            {
                case (byte)'"': quoted.Append("\\\""); break;
                case (byte)'\\': quoted.Append("\\\\"); break;
                case (byte)'\n': quoted.Append("\\n"); break;
                case < 0x20 or 0x7f: quoted.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0')); break;
                // Bytes of multi-byte UTF-8 characters pass through: text format reads strings as UTF-8.
                default: quoted.Append((char)b); break;
            }
        }

        return Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(quoted.Append('"').ToString()));
    }
}
