//! Writing XML and HTML with every piece of text and every attribute value
//! escaped by construction.
//!
//! Tag and attribute names are `&'static str`, so they can only come from
//! this crate's code; every text node and attribute value goes through
//! [`escape`]. Markup that is not escaped can only be a `&'static str`
//! ([`Markup::trusted`]): the doctype and the stylesheet.
//!
//! The same escaping keeps a string from input from changing how the text
//! around it reads, or posing as another string: it drops the characters
//! that reorder text ([`is_bidi_control`]), in HTML and SVG alike, and in
//! HTML [`Markup::user_text`] also isolates the string in a `<bdi>`.

/// Escapes text for use in an XML or HTML text node or a quoted attribute
/// value: `&`, `<`, `>`, `"`, `'` and carriage return become character
/// references, the control characters XML 1.0 does not allow (all of
/// U+0000 to U+001F but tab, line feed and carriage return, and U+FFFE and
/// U+FFFF) become U+FFFD, and the bidirectional formatting characters
/// ([`is_bidi_control`]) are dropped,
/// so that any string, however hostile, is shown as the text it is, with
/// its characters in the order they were given, and the result always
/// parses. A right-to-left override cannot make `"\u{202e}licnuoC ytiC"`
/// look like "City Council", nor turn round the text after it; letters keep
/// their own direction.
///
/// This is the one place the HTML report and the SVG radar (standalone or
/// inline) make a string safe to show: SVG text has no `<bdi>`, and a
/// `<title>` or an attribute value can hold no element, so the controls
/// are dropped everywhere, not only where a `<bdi>` isolates the string.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if is_bidi_control(c) => {}
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // A carriage return would reach an XML reader as a line feed.
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Whether `c` is a Unicode bidirectional formatting character (UAX #9):
/// an embedding or override (U+202A to U+202E), an isolate (U+2066 to
/// U+2069), or a mark (U+200E, U+200F and U+061C).
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// A document being written.
#[derive(Debug, Default)]
pub(crate) struct Markup(String);

/// An element's attributes: names from the code, values escaped on output.
pub(crate) type Attrs<'a> = &'a [(&'static str, &'a str)];

impl Markup {
    /// An empty document.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Markup written as it is: only ever a constant of this crate.
    pub(crate) fn trusted(&mut self, markup: &'static str) -> &mut Self {
        self.0.push_str(markup);
        self
    }

    fn tag(&mut self, tag: &'static str, attrs: Attrs<'_>) {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attrs {
            self.0.push(' ');
            self.0.push_str(name);
            self.0.push_str("=\"");
            self.0.push_str(&escape(value));
            self.0.push('"');
        }
    }

    /// A start tag.
    pub(crate) fn open(&mut self, tag: &'static str, attrs: Attrs<'_>) -> &mut Self {
        self.tag(tag, attrs);
        self.0.push('>');
        self
    }

    /// An end tag.
    pub(crate) fn close(&mut self, tag: &'static str) -> &mut Self {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    /// An element with no content, written `<tag …/>` (valid XML, and valid
    /// HTML for void and foreign elements).
    pub(crate) fn leaf(&mut self, tag: &'static str, attrs: Attrs<'_>) -> &mut Self {
        self.tag(tag, attrs);
        self.0.push_str("/>");
        self
    }

    /// A text node, escaped.
    pub(crate) fn text(&mut self, text: &str) -> &mut Self {
        self.0.push_str(&escape(text));
        self
    }

    /// A string from input, in HTML: escaped (so without bidirectional
    /// formatting characters) and isolated in a `<bdi>`, so that however its
    /// letters run they cannot reorder the text around it.
    pub(crate) fn user_text(&mut self, text: &str) -> &mut Self {
        self.element("bdi", &[], text)
    }

    /// An element holding only text.
    pub(crate) fn element(&mut self, tag: &'static str, attrs: Attrs<'_>, text: &str) -> &mut Self {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// A line break between elements, for people reading the source.
    pub(crate) fn nl(&mut self) -> &mut Self {
        self.0.push('\n');
        self
    }

    /// The document written.
    pub(crate) fn finish(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_and_replaces_controls() {
        assert_eq!(
            escape(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c\td\u{ffff}\r\n"), "a\u{fffd}b\u{fffd}c\td\u{fffd}&#13;\n");
        assert_eq!(escape("Café — ok"), "Café — ok");
    }

    #[test]
    fn bidi_controls_are_dropped_and_letters_kept() {
        // All twelve go, wherever they are.
        let controls =
            "\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}\u{200e}\u{200f}\u{61c}";
        assert_eq!(controls.chars().filter(|&c| is_bidi_control(c)).count(), 12);
        assert_eq!(escape(&format!("{controls}a{controls}<{controls}")), "a&lt;");
        assert_eq!(escape("\u{202e}licnuoC ytiC"), "licnuoC ytiC");
        // Hebrew and Arabic letters stay, and so do the neighbours of the
        // ranges (paragraph separator, narrow no-break space, U+2065, the
        // deprecated U+206A, zero-width joiner, hyphen, Arabic semicolon).
        let kept = "שלום مرحبا \u{2029}\u{202f}\u{2065}\u{206a}\u{200d}\u{2010}\u{61b}\u{61d}";
        assert_eq!(escape(kept), kept);
    }

    #[test]
    fn user_text_is_isolated_in_bdi() {
        let mut m = Markup::new();
        m.user_text("\u{202e}<b>");
        assert_eq!(m.finish(), "<bdi>&lt;b&gt;</bdi>");
    }

    #[test]
    fn attributes_and_text_are_escaped() {
        let mut m = Markup::new();
        m.element("p", &[("title", "\"><script>")], "<script>alert(1)</script>");
        assert_eq!(
            m.finish(),
            "<p title=\"&quot;&gt;&lt;script&gt;\">&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        );
    }
}
