//! Names as they are compared: the one rule for respondent ids,
//! organisations and partners, shared by every stage (an instrument's
//! expected partners are compared as a response's are).

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Characters that show nothing: white space, and the format characters
/// that are invisible (zero-width spaces and joiners, the byte order mark,
/// bidi marks and controls, the soft hyphen), and the blank letters
/// (Hangul fillers, the blank braille pattern).
pub(crate) fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{180E}'
            | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}' | '\u{2800}' | '\u{3164}' | '\u{FEFF}' | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}')
}

/// A name as it is compared and stored: without invisible format
/// characters, trimmed of white space and in Unicode normalisation form C,
/// so that "José" typed two ways, `a` and `a `, or "City Council" and
/// "\u{200E}City Council" are one respondent or one organisation. Borrowed
/// when it is already so (every ASCII name that has no surrounding space).
pub(crate) fn canonical(name: &str) -> Cow<'_, str> {
    let hidden = |c: char| is_invisible(c) && !c.is_whitespace();
    let trimmed = name.trim();
    // ASCII has no invisible format character and is its own NFC.
    if trimmed.is_ascii() {
        return Cow::Borrowed(trimmed);
    }
    if !trimmed.chars().any(hidden)
        && unicode_normalization::is_nfc_quick(trimmed.chars()) == unicode_normalization::IsNormalized::Yes
    {
        return Cow::Borrowed(trimmed);
    }
    // Invisible format characters (bidi controls, zero-width spaces) would
    // make one name look like another: they are dropped.
    let visible: String = name.chars().filter(|&c| !hidden(c)).collect();
    Cow::Owned(visible.trim().nfc().collect())
}
