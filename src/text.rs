//! Names as they are compared: the one rule for respondent ids,
//! organisations and partners, shared by every stage (an instrument's
//! expected partners are compared as a response's are).

use std::borrow::Cow;
#[cfg(not(feature = "unicode"))]
use std::sync::OnceLock;

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
    // The usual name: ASCII whose first and last bytes are above the space.
    // ASCII's white space is the space and five controls below it (tab to
    // carriage return), so there is nothing to trim; ASCII has no invisible
    // format character and is its own NFC, so nothing to drop or normalise.
    // (The other controls are not white space, and the long way below keeps
    // them too.)
    let bytes = name.as_bytes();
    if bytes.first().is_some_and(|&b| b > b' ') && bytes.last().is_some_and(|&b| b > b' ') && name.is_ascii()
    {
        return Cow::Borrowed(name);
    }
    let hidden = |c: char| is_invisible(c) && !c.is_whitespace();
    let trimmed = name.trim();
    // ASCII has no invisible format character and is its own NFC.
    if trimmed.is_ascii() {
        return Cow::Borrowed(trimmed);
    }
    if !trimmed.chars().any(hidden) {
        return nfc(trimmed);
    }
    // Invisible format characters (bidi controls, zero-width spaces) would
    // make one name look like another: they are dropped.
    let visible: String = name.chars().filter(|&c| !hidden(c)).collect();
    Cow::Owned(nfc(visible.trim()).into_owned())
}

/// `name` in Unicode normalisation form C, by the `unicode-normalization`
/// crate's tables; borrowed when it is so already.
#[cfg(feature = "unicode")]
fn nfc(name: &str) -> Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if is_nfc_quick(name.chars()) == IsNormalized::Yes {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(name.nfc().collect())
    }
}

/// The function [`set_nfc`] gave, without the `unicode` feature.
#[cfg(not(feature = "unicode"))]
static NFC: OnceLock<fn(&str) -> String> = OnceLock::new();

/// `name` in Unicode normalisation form C, by the function [`set_nfc`]
/// gave (as it is when none was given); borrowed when it is so already.
#[cfg(not(feature = "unicode"))]
fn nfc(name: &str) -> Cow<'_, str> {
    match NFC.get() {
        Some(normalise) => match normalise(name) {
            normal if normal == name => Cow::Borrowed(name),
            normal => Cow::Owned(normal),
        },
        None => Cow::Borrowed(name),
    }
}

/// Gives the function that puts a name in Unicode normalisation form C
/// (NFC), for a build without the `unicode` feature, which leaves out the
/// `unicode-normalization` crate and its tables (some 100 KB, which the
/// WebAssembly module spares by passing JavaScript's
/// `String.prototype.normalize` here).
///
/// Names — respondent ids, organisations, partners — are compared in NFC
/// (trimmed and without invisible format characters), so "José" typed two
/// ways is one respondent. `normalise` is called with each name that is not
/// ASCII and must return its NFC. Until one is given, a build without
/// `unicode` compares such names as they are written.
///
/// Returns whether names will be normalised by `normalise`: `false` when a
/// function was given already (the first stays), and always `false` with the
/// `unicode` feature (on by default), whose own tables are used.
///
/// ```
/// // With the default features, the crate's own tables stay in use.
/// assert!(!collaboration::set_nfc(|name| name.to_owned()));
/// ```
pub fn set_nfc(normalise: fn(&str) -> String) -> bool {
    #[cfg(feature = "unicode")]
    {
        let _ = normalise;
        false
    }
    #[cfg(not(feature = "unicode"))]
    {
        NFC.set(normalise).is_ok()
    }
}
