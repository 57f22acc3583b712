namespace Rnn.Examples.Common;

/// <summary>One mail of the SpamAssassin public corpus, reduced to readable text (see <see cref="SpamAssassin"/>).</summary>
/// <param name="Id">Number of the mail within its group, e.g. <c>00001</c>; unique only together with <paramref name="Group"/>.</param>
/// <param name="Group">Corpus group, one of <see cref="SpamAssassin.Groups"/>, e.g. <c>easy-ham-1</c>.</param>
/// <param name="Checksum">MD5 of the raw message (hex) as the corpus names its files.</param>
/// <param name="Sender">Sender from the <c>From</c> header as words (see <see cref="MailText.Result"/>); empty if absent.</param>
/// <param name="Subject">Decoded subject; empty if the mail has none.</param>
/// <param name="Body">Plain-text body (see <see cref="MailText"/>); empty if the mail has no readable text part.</param>
/// <param name="BodyFromHtml">
/// True if (part of) the body was converted from HTML because the mail had no plain-text alternative.
/// Far more common in spam than in ham, so a model may learn HTML leftovers rather than content.
/// </param>
public sealed record SpamAssassinMail(string Id, string Group, string Checksum, string Sender, string Subject, string Body, bool BodyFromHtml)
{
    /// <summary>True for the <c>spam-*</c> groups, false for the <c>*-ham-*</c> groups.</summary>
    public bool IsSpam => SpamAssassin.IsSpamGroup(Group);

    /// <summary>Subject and body as one text: <c>Subject + "\n" + Body</c>.</summary>
    public string Text => Subject + "\n" + Body;

    /// <summary>Sender, subject and body as one text: <c>Sender + "\n" + Subject + "\n" + Body</c>.</summary>
    public string TextWithSender => Sender + "\n" + Text;
}
