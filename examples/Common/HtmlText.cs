using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Rnn.Examples.Common;

/// <summary>
/// Converts HTML (e.g. the body of an HTML-only mail) to readable plain text: AngleSharp parses it
/// the way a browser would, and a small walk over the resulting DOM writes the visible text.
/// </summary>
/// <remarks>
/// Rules: <c>head</c>, <c>script</c>, <c>style</c>, <c>template</c> and comments are dropped; runs of
/// white space collapse to one space as in a browser; paragraphs, headings, lists and tables are
/// set off by a blank line, other block elements (divisions, list items, table rows, ...) and
/// <c>br</c> start a new line, table cells are separated by a space; character references (<c>&amp;nbsp;</c>, <c>&amp;eacute;</c>, ...) come out decoded. Lines
/// are trimmed and runs of blank lines are reduced to one.
/// </remarks>
public static class HtmlText
{
    // Elements whose content is not rendered as text.
    private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "head", "script", "style", "template", "title", "meta", "link",
    };

    // Elements with vertical margins in a browser's default style sheet: set off by a blank line.
    private static readonly HashSet<string> Paragraphs = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "dl", "table", "hr",
    };

    // Other elements that start and end on their own line.
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "center", "dd", "div", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "header", "li", "main", "nav", "section", "tbody", "tfoot", "thead", "tr",
    };

    /// <summary>Returns the visible text of <paramref name="html"/>; never null.</summary>
    public static string ToPlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (html.Length == 0)
            return "";

        // A parser per call: HtmlParser instances are cheap and this keeps the method thread-safe.
        var document = new HtmlParser().ParseDocument(html);
        var writer = new Writer();
        Walk(document.Body ?? (INode)document.DocumentElement, writer);
        return writer.ToString();
    }

    private static void Walk(INode node, Writer writer)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    writer.AppendText(text.Data);
                    break;
                case IElement element when Hidden.Contains(element.LocalName):
                    break;
                case IElement element when element.LocalName.Equals("br", StringComparison.OrdinalIgnoreCase):
                    writer.Break();
                    break;
                case IElement element when element.LocalName is "td" or "th":
                    writer.Space();
                    Walk(element, writer);
                    writer.Space();
                    break;
                case IElement element when Paragraphs.Contains(element.LocalName):
                    writer.BlankLine();
                    Walk(element, writer);
                    writer.BlankLine();
                    break;
                case IElement element when Blocks.Contains(element.LocalName):
                    writer.EndLine();
                    Walk(element, writer);
                    writer.EndLine();
                    break;
                case IElement element:
                    Walk(element, writer);
                    break;
                default:
                    // Comments, processing instructions and doctypes carry no visible text.
                    break;
            }
        }
    }

    /// <summary>Accumulates text with browser-like white-space collapsing.</summary>
    private sealed class Writer
    {
        private readonly StringBuilder _lines = new();
        private readonly StringBuilder _line = new();
        private bool _pendingSpace;

        public void AppendText(string text)
        {
            foreach (var c in text)
            {
                // U+00A0 (&nbsp;) counts as white space too: spam uses runs of it for layout.
                if (char.IsWhiteSpace(c))
                    _pendingSpace = _line.Length > 0;
                else
                {
                    if (_pendingSpace)
                        _line.Append(' ');
                    _pendingSpace = false;
                    _line.Append(c);
                }
            }
        }

        public void Space() => _pendingSpace = _line.Length > 0;

        /// <summary>Ends the current line if it has text (a block boundary).</summary>
        public void EndLine()
        {
            if (_line.Length > 0)
                Break();
        }

        /// <summary>Ends the current line even if empty (<c>br</c>); never more than one blank line in a row.</summary>
        public void Break()
        {
            var line = _line.ToString().Trim();
            _line.Clear();
            _pendingSpace = false;
            if (line.Length > 0)
                _lines.Append(line).Append('\n');
            else if (_lines.Length > 0 && !EndsWithBlankLine())
                _lines.Append('\n');
        }

        /// <summary>Ends the current line and leaves one blank line (paragraph boundary).</summary>
        public void BlankLine()
        {
            EndLine();
            if (_lines.Length > 0 && !EndsWithBlankLine())
                _lines.Append('\n');
        }

        private bool EndsWithBlankLine() =>
            _lines.Length >= 2 && _lines[^1] == '\n' && _lines[^2] == '\n';

        public override string ToString()
        {
            EndLine();
            return _lines.ToString().Trim('\n');
        }
    }
}
