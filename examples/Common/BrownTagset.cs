namespace Rnn.Examples.Common;

/// <summary>
/// The Brown corpus part-of-speech tags and their reduction to the 12-tag universal tagset of
/// Petrov, Das and McDonald (2012): NOUN, VERB, ADJ, ADV, PRON, DET, ADP, NUM, CONJ, PRT, "." and X.
/// </summary>
/// <remarks>
/// <para>
/// A full Brown tag is a base tag plus modifiers, e.g. <c>nn$-tl</c> (possessive noun in a title) or
/// <c>pps+bez</c> ("it's"). <see cref="BaseTag"/> strips the modifiers with these rules, in this order
/// (case-insensitive; the result is lower case), which reduce the corpus's 472 distinct full tags to
/// 82 base tags:
/// </para>
/// <list type="number">
///   <item><description><b>Contractions</b> (<c>+</c>): <c>pps+bez</c> "it's", <c>ppss+md</c> "I'd",
///   <c>vb+ppo</c> "let's": only the first component is kept (the word's head: PRON, PRON, VERB).</description></item>
///   <item><description><b>Foreign words</b> (<c>fw-</c> prefix): <c>fw-nn</c>, <c>fw-in+at-tl</c> become
///   <c>fw</c>, which maps to X: the universal tagset puts foreign words in X, whatever their role in
///   the foreign phrase.</description></item>
///   <item><description><b>Headline, title and cited-word markers</b> (<c>-hl</c>, <c>-tl</c>, <c>-nc</c>
///   suffixes, possibly several: <c>nns$-tl-hl</c>): removed; they say where a word stands, not what it is.</description></item>
///   <item><description><b>Negation</b> (<c>*</c>): the tag <c>*</c> alone ("not", "n't") stays <c>*</c>
///   and maps to ADV, as "not" is an adverb in the universal tagset; a trailing <c>*</c> on another tag
///   (<c>do*</c> "don't", <c>md*</c> "can't", <c>bez*</c> "isn't") is removed, leaving the verb.</description></item>
///   <item><description><b>Possessives</b> (<c>$</c>): a trailing <c>$</c> is removed (<c>nn$</c> → <c>nn</c>,
///   <c>np$</c> → <c>np</c>, <c>pn$</c> → <c>pn</c>, <c>cd$</c> → <c>cd</c>), except in the possessive
///   pronoun tags <c>pp$</c> (my, his), <c>pp$$</c> (mine, hers) and <c>wp$</c> (whose), which are base
///   tags of their own (all PRON).</description></item>
/// </list>
/// <para>
/// <see cref="ToUniversal"/> then maps the base tag (anything not listed, such as a typo, is X):
/// </para>
/// <list type="table">
///   <listheader><term>universal</term><description>Brown base tags</description></listheader>
///   <item><term>NOUN</term><description><c>nn nns np nps nr nrs</c> (common, proper and adverbial nouns: "home", "Sunday")</description></item>
///   <item><term>VERB</term><description><c>vb vbd vbg vbn vbz md</c>, and the forms of be, do, have:
///   <c>be bed bedz beg bem ben ber bez do dod doz hv hvd hvg hvn hvz</c></description></item>
///   <item><term>ADJ</term><description><c>jj jjr jjs jjt od ap</c> (ordinals "first", "2nd", and Brown's
///   post-determiners "many", "other", "next", "last", "several", "few", which the Penn tagset tags JJ)</description></item>
///   <item><term>ADV</term><description><c>rb rbr rbt rn wrb ql qlp wql abl *</c> (qualifiers "very", "enough",
///   "how"; pre-qualifiers "quite", "such", "rather"; negation "not")</description></item>
///   <item><term>PRON</term><description><c>pn pp$ pp$$ ppl ppls ppo pps ppss wp$ wpo wps</c></description></item>
///   <item><term>DET</term><description><c>at abn abx dt dti dts dtx wdt ex</c> (articles; pre-quantifiers
///   "all", "half", "both"; demonstratives and quantifiers "this", "some", "either"; wh-determiners;
///   existential "there", as in the Penn mapping)</description></item>
///   <item><term>ADP</term><description><c>in cs</c> (prepositions, and subordinating conjunctions, which
///   the Penn tagset also files under IN)</description></item>
///   <item><term>NUM</term><description><c>cd</c></description></item>
///   <item><term>CONJ</term><description><c>cc</c></description></item>
///   <item><term>PRT</term><description><c>rp to</c> (particles "up", "off"; infinitive "to")</description></item>
///   <item><term>.</term><description><c>. , : ( ) -- `` '' '</c></description></item>
///   <item><term>X</term><description><c>fw</c> (foreign words), <c>uh</c> (interjections, as UH in the
///   Penn mapping), <c>nil</c> (157 tokens the corpus left untagged), and every unknown tag</description></item>
/// </list>
/// </remarks>
public static class BrownTagset
{
    /// <summary>The 12 universal tags, in the order used by Petrov et al.</summary>
    public static readonly IReadOnlyList<string> UniversalTags =
        ["NOUN", "VERB", "ADJ", "ADV", "PRON", "DET", "ADP", "NUM", "CONJ", "PRT", ".", "X"];

    private static readonly Dictionary<string, string> BaseToUniversal = Build(
        ("NOUN", ["nn", "nns", "np", "nps", "nr", "nrs"]),
        ("VERB", ["vb", "vbd", "vbg", "vbn", "vbz", "md",
                  "be", "bed", "bedz", "beg", "bem", "ben", "ber", "bez",
                  "do", "dod", "doz", "hv", "hvd", "hvg", "hvn", "hvz"]),
        ("ADJ", ["jj", "jjr", "jjs", "jjt", "od", "ap"]),
        ("ADV", ["rb", "rbr", "rbt", "rn", "wrb", "ql", "qlp", "wql", "abl", "*"]),
        ("PRON", ["pn", "pp$", "pp$$", "ppl", "ppls", "ppo", "pps", "ppss", "wp$", "wpo", "wps"]),
        ("DET", ["at", "abn", "abx", "dt", "dti", "dts", "dtx", "wdt", "ex"]),
        ("ADP", ["in", "cs"]),
        ("NUM", ["cd"]),
        ("CONJ", ["cc"]),
        ("PRT", ["rp", "to"]),
        (".", [".", ",", ":", "(", ")", "--", "``", "''", "'"]),
        ("X", ["fw", "uh", "nil"]));

    // Possessive pronoun tags whose '$' is part of the base tag, not a possessive marker.
    private static readonly HashSet<string> DollarBaseTags = ["pp$", "pp$$", "wp$"];

    /// <summary>Strips the modifiers of a full Brown tag (see the rules on the class), e.g. <c>NN$-TL</c> → <c>nn</c>.</summary>
    /// <param name="brownTag">Full tag as in the corpus, any case.</param>
    /// <exception cref="ArgumentException">The tag is null, empty or white space.</exception>
    public static string BaseTag(string brownTag)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brownTag);
        var tag = brownTag.Trim().ToLowerInvariant();

        // 1. Contractions: keep the head (first component).
        var plus = tag.IndexOf('+');
        if (plus > 0)
            tag = tag[..plus];

        // 2. Foreign words.
        if (tag.StartsWith("fw-", StringComparison.Ordinal))
            return "fw";

        // 3. Headline / title / cited-word markers, possibly stacked.
        while (tag.EndsWith("-hl", StringComparison.Ordinal) || tag.EndsWith("-tl", StringComparison.Ordinal)
               || tag.EndsWith("-nc", StringComparison.Ordinal))
            tag = tag[..^3];

        // 4. Negation: "*" alone is "not"; elsewhere it marks a contracted negative verb.
        if (tag.Length > 1 && tag.EndsWith('*'))
            tag = tag[..^1];

        // 5. Possessives, except the possessive pronoun tags.
        if (tag.Length > 1 && tag.EndsWith('$') && !DollarBaseTags.Contains(tag))
            tag = tag[..^1];

        return tag;
    }

    /// <summary>
    /// Maps a full Brown tag to one of the 12 <see cref="UniversalTags"/>: <see cref="BaseTag"/> first,
    /// then the table on the class; unknown tags give <c>X</c>.
    /// </summary>
    /// <param name="brownTag">Full tag as in the corpus, any case, e.g. <c>np$-tl</c> → NOUN, <c>do*</c> → VERB.</param>
    /// <exception cref="ArgumentException">The tag is null, empty or white space.</exception>
    public static string ToUniversal(string brownTag) =>
        BaseToUniversal.GetValueOrDefault(BaseTag(brownTag), "X");

    /// <summary>True if <paramref name="baseTag"/> (lower case, as from <see cref="BaseTag"/>) is in the mapping table.</summary>
    public static bool IsKnownBaseTag(string baseTag) => BaseToUniversal.ContainsKey(baseTag);

    private static Dictionary<string, string> Build(params (string Universal, string[] BaseTags)[] groups)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (universal, baseTags) in groups)
            foreach (var b in baseTags)
                map.Add(b, universal); // Add, not the indexer: a tag listed twice is a bug in the table
        return map;
    }
}
