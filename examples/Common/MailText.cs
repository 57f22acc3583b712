using System.Text;
using MimeKit;
using MimeKit.Text;

namespace Rnn.Examples.Common;

/// <summary>
/// Extracts the readable text of a MIME message (RFC 822 / 2045): MimeKit parses the message and
/// decodes transfer encodings, charsets and RFC 2047 encoded headers; this class picks the parts a
/// reader would see.
/// </summary>
/// <remarks>
/// <para>
/// Rules, applied recursively from the top-level body:
/// </para>
/// <list type="bullet">
///   <item><description><c>multipart/alternative</c>: the first <c>text/plain</c> alternative with text;
///   otherwise the last (richest) alternative, e.g. <c>text/html</c> converted with <see cref="HtmlText"/>.</description></item>
///   <item><description>Other multiparts (<c>mixed</c>, <c>related</c>, <c>signed</c>, <c>report</c>, ...):
///   the text of every child, in order, separated by a blank line.</description></item>
///   <item><description><c>text/plain</c> (format=flowed is unwrapped), <c>text/html</c> (converted to
///   text) and <c>text/enriched</c> (formatting commands dropped); other text subtypes (e.g. <c>text/rfc822-headers</c>)
///   and all non-text parts (images, signatures, binaries) are skipped.</description></item>
///   <item><description>Parts marked <c>Content-Disposition: attachment</c> are skipped.</description></item>
///   <item><description>An inline <c>message/rfc822</c> part (a forwarded or bounced mail) contributes its
///   own body by the same rules.</description></item>
/// </list>
/// <para>
/// Charsets: a missing charset and the labels <c>us-ascii</c>, <c>iso-8859-1</c> and
/// <c>windows-1252</c> are decoded as UTF-8 if the bytes are valid UTF-8, else as Windows-1252 (as
/// browsers do for these labels; 56 SpamAssassin parts declare us-ascii but contain 8-bit text, and
/// CP1252 "smart quotes" are common under an iso-8859-1 label). Any other charset goes through
/// MimeKit's <see cref="TextPart.Text"/>, with legacy code pages (big5, gb2312, ks_c_5601-1987,
/// koi8-r, ...) available; a name it does not know (<c>default</c>, <c>unknown-8bit</c>, ...) falls
/// back to UTF-8, then ISO-8859-1. Decoding never fails. Line endings become <c>\n</c> and the result
/// is trimmed.
/// </para>
/// <para>
/// MimeKit decides which charsets exist at its first use, so parse messages with <see cref="Load"/>,
/// which registers the code pages first, rather than with MimeKit's own <c>MimeMessage.Load</c>.
/// </para>
/// </remarks>
public static class MailText
{
    // .NET ships only Unicode and Latin-1 encodings by default; mails here also use big5, gb2312,
    // ks_c_5601-1987, koi8-r, windows-125x, ... which live in the code-pages provider.
    static MailText()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
    }

    /// <summary>The readable parts of a message.</summary>
    /// <param name="Sender">First <c>From</c> mailbox as "display name, local part, domain" separated by spaces; empty if there is none.</param>
    /// <param name="Subject">Decoded <c>Subject</c> header; empty if there is none.</param>
    /// <param name="Body">Plain-text body; empty if the message has no readable text part.</param>
    /// <param name="FromHtml">True if any of the body text was converted from HTML (no plain-text alternative).</param>
    public sealed record Result(string Sender, string Subject, string Body, bool FromHtml);

    /// <summary>Parses a message file (RFC 822, optionally preceded by an mbox "From " line).</summary>
    /// <exception cref="InvalidDataException">The file is not a parsable message.</exception>
    public static MimeMessage Load(string path)
    {
        try
        {
            return MimeMessage.Load(path);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"Mail file '{path}' is not a parsable RFC 822 message: {ex.Message}", ex);
        }
    }

    /// <summary>Returns the sender, the subject and the plain-text body of <paramref name="message"/>.</summary>
    public static Result Extract(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parts = new List<string>();
        var fromHtml = false;
        if (message.Body is not null)
            Collect(message.Body, parts, ref fromHtml);
        var body = Normalize(string.Join("\n\n", parts.Where(p => p.Length > 0)));
        return new Result(Sender(message), Normalize(message.Subject ?? ""), body, fromHtml);
    }

    // Local part and domain as separate words, so a word splitter sees the domain on its own.
    private static string Sender(MimeMessage message) =>
        message.From.Mailboxes.FirstOrDefault() is { } from
            ? Normalize(string.Join(' ', new[] { from.Name, from.LocalPart, from.Domain }.Where(p => !string.IsNullOrWhiteSpace(p))))
            : "";

    private static void Collect(MimeEntity entity, List<string> parts, ref bool fromHtml)
    {
        if (entity.IsAttachment)
            return;
        switch (entity)
        {
            case MultipartAlternative alternative:
                // Prefer the plain-text rendering the sender supplied over our own HTML conversion.
                foreach (var child in alternative)
                {
                    if (child is TextPart { IsPlain: true } plain && !plain.IsAttachment)
                    {
                        var text = PlainText(plain);
                        if (text.Trim().Length > 0)
                        {
                            parts.Add(text);
                            return;
                        }
                    }
                }
                if (alternative.Count > 0)
                    Collect(alternative[^1], parts, ref fromHtml);
                break;
            case Multipart multipart:
                foreach (var child in multipart)
                    Collect(child, parts, ref fromHtml);
                break;
            case MessagePart { Message.Body: { } embedded }:
                Collect(embedded, parts, ref fromHtml);
                break;
            case TextPart { IsPlain: true } plain:
                parts.Add(PlainText(plain));
                break;
            case TextPart { IsHtml: true } html:
                parts.Add(HtmlText.ToPlainText(Decode(html)));
                fromHtml = true;
                break;
            case TextPart { IsEnriched: true } enriched:
                // RFC 1896 commands look like tags (<bold>...</bold>); dropping them as HTML is close enough.
                parts.Add(HtmlText.ToPlainText(Decode(enriched)));
                break;
            default:
                // Everything else (images, signatures, delivery reports, binaries) carries no readable text.
                break;
        }
    }

    private static string PlainText(TextPart part)
    {
        var text = Decode(part);
        // format=flowed (RFC 3676) wraps long lines with trailing spaces; join them back.
        return part.IsFlowed ? new FlowedToText { DeleteSpace = IsDelSp(part) }.Convert(text) : text;
    }

    private static bool IsDelSp(TextPart part) =>
        string.Equals(part.ContentType.Parameters["delsp"], "yes", StringComparison.OrdinalIgnoreCase);

    /// <summary>Decodes the part's content; see the class remarks for the charset rules.</summary>
    private static string Decode(TextPart part)
    {
        var charset = part.ContentType.Charset?.Trim();
        if (charset is not null && !IsWesternLabel(charset))
            // MimeKit also resolves aliases such as "chinesebig5"; for a name no one knows ("default",
            // "unknown-8bit", ...) it tries a BOM, then UTF-8, then ISO-8859-1.
            return part.Text;

        using var memory = new MemoryStream();
        part.Content?.DecodeTo(memory);
        var bytes = memory.GetBuffer().AsSpan(0, (int)memory.Length);
        if (!bytes.ContainsAnyExceptInRange((byte)0, (byte)0x7F))
            return Encoding.ASCII.GetString(bytes);
        try
        {
            // A mislabelled UTF-8 mail; Latin-1 text almost never forms valid UTF-8 sequences.
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Windows1252.GetString(bytes);
        }
    }

    // Labels whose 8-bit bytes are, in practice, Windows-1252 (or UTF-8) rather than what they claim.
    private static bool IsWesternLabel(string charset) =>
        charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase) ||
        charset.Equals("ascii", StringComparison.OrdinalIgnoreCase) ||
        charset.Equals("iso-8859-1", StringComparison.OrdinalIgnoreCase) ||
        charset.Equals("latin1", StringComparison.OrdinalIgnoreCase) ||
        charset.Equals("windows-1252", StringComparison.OrdinalIgnoreCase);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Set in the static constructor, after the code-pages provider is registered.
    private static readonly Encoding Windows1252;

    private static string Normalize(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
}
