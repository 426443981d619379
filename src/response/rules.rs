//! The rules a response must obey, in one place: the simple parser
//! ([`super::parse`]) turns a broken rule into a [`ResponseError`] that names
//! the respondent, the item and the value; the fast batch parser
//! ([`super::fast`]) gives up and lets the simple one speak. A rule added
//! here holds on both paths.

pub(crate) use crate::text::{canonical, is_invisible};

use super::error::ResponseError;
use super::sheet::Sheet;
use crate::instrument::{Instrument, ItemInfo};
use crate::limits::{MAX_ID_CHARS, over};

/// The wire spelling of [`Answer::NotApplicable`].
pub(crate) const NOT_APPLICABLE: &str = "n/a";

/// The largest integer `f64` holds exactly; integral floats beyond it are
/// reported as out of scale, never rounded into it.
const F64_EXACT: f64 = 9_007_199_254_740_992.0;

/// `v` as an unsigned integer if it is integral, finite and non-negative.
pub(crate) fn integral(v: f64) -> Option<u64> {
    if v.is_finite() && v.fract() == 0.0 && (0.0..=F64_EXACT).contains(&v) {
        // Checked above: integral, non-negative and exactly representable.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Some(v as u64)
    } else {
        None
    }
}

/// The first control character in `s`.
fn control(s: &str) -> Option<char> {
    s.chars().find(|c| c.is_control())
}

/// Whether `s` is printable ASCII (space to tilde) with some character
/// other than a space, and no longer than [`MAX_ID_CHARS`]: then it obeys
/// every rule on names, as one pass over its bytes shows (ASCII's only
/// invisible characters are white space, its control characters are below
/// the space or DEL, and it is its own NFC). Nearly every id and name is
/// such; anything else is looked at character by character.
fn plain(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.len() <= MAX_ID_CHARS
        && bytes.iter().all(|&b| (b' '..=b'~').contains(&b))
        && bytes.iter().any(|&b| b != b' ')
}

/// A respondent id: some visible character, no control character, and at
/// most [`MAX_ID_CHARS`] characters.
pub(crate) fn respondent_id(id: &str) -> Result<(), ResponseError> {
    if plain(id) {
        return Ok(());
    }
    if id.chars().all(is_invisible) {
        return Err(ResponseError::EmptyRespondentId);
    }
    if let Some(c) = control(id) {
        return Err(ResponseError::ControlCharacter {
            respondent: None,
            what: "respondent id",
            code: u32::from(c),
        });
    }
    // The id is stored in NFC, which can be longer than the id as given; no
    // character's NFC is more than 3, so short ids need no second look.
    let grows = || if id.len() * 3 > MAX_ID_CHARS { over(&canonical(id), MAX_ID_CHARS) } else { None };
    match over(id, MAX_ID_CHARS).or_else(grows) {
        Some(length) => Err(ResponseError::TooLong {
            respondent: None,
            what: "respondent id",
            length,
            limit: MAX_ID_CHARS,
        }),
        None => Ok(()),
    }
}

/// An organisation's name: some visible character, no control character,
/// and at most [`MAX_ID_CHARS`] characters.
pub(crate) fn organisation(respondent: &str, organisation: Option<&str>) -> Result<(), ResponseError> {
    let Some(org) = organisation else { return Ok(()) };
    name(respondent, "organisation", org, || ResponseError::BlankOrganisation {
        respondent: respondent.to_owned(),
    })
}

/// A partner organisation's name: as an organisation's.
pub(crate) fn partner_name(respondent: &str, partner: &str) -> Result<(), ResponseError> {
    name(respondent, "partner name", partner, || ResponseError::BlankPartner {
        respondent: respondent.to_owned(),
    })
}

/// The rule for the names of organisations: `blank` when it shows nothing.
fn name(
    respondent: &str,
    what: &'static str,
    name: &str,
    blank: impl FnOnce() -> ResponseError,
) -> Result<(), ResponseError> {
    if plain(name) {
        return Ok(());
    }
    if name.chars().all(is_invisible) {
        return Err(blank());
    }
    if let Some(c) = control(name) {
        return Err(ResponseError::ControlCharacter {
            respondent: Some(respondent.to_owned()),
            what,
            code: u32::from(c),
        });
    }
    match over(name, MAX_ID_CHARS) {
        Some(length) => Err(ResponseError::TooLong {
            respondent: Some(respondent.to_owned()),
            what,
            length,
            limit: MAX_ID_CHARS,
        }),
        None => Ok(()),
    }
}

/// The instrument a response names, and its version if given, must be the
/// scoring instrument's.
pub(crate) fn header(
    instrument: &Instrument,
    respondent: &str,
    id: &str,
    version: Option<&str>,
) -> Result<(), ResponseError> {
    if id != instrument.id() {
        return Err(ResponseError::WrongInstrument {
            respondent: respondent.to_owned(),
            expected: instrument.id().to_owned(),
            found: id.to_owned(),
        });
    }
    match version {
        Some(found) if found != instrument.version() => Err(ResponseError::WrongInstrumentVersion {
            respondent: respondent.to_owned(),
            instrument: instrument.id().to_owned(),
            expected: instrument.version().to_owned(),
            found: found.to_owned(),
        }),
        _ => Ok(()),
    }
}

/// An answer as it was written, seen without copying.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Written<'a> {
    Unsigned(u64),
    /// A negative integer.
    Signed,
    Float(f64),
    Text(&'a str),
    /// Anything else: `true`, `null`, a list, an object.
    Other,
}

/// Why an answer does not fit its item's scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Misfit {
    /// An integer (or integral number) outside `1..=points`.
    OutOfScale,
    /// `"n/a"` where the scale has no such answer.
    NotApplicableForbidden,
    /// Not an integer and not `"n/a"`.
    NotAnInteger,
}

/// The sheet code of an answer to an item: its value `1..=points`, or
/// [`Sheet::NA`].
pub(crate) fn answer(info: ItemInfo, written: Written<'_>) -> Result<u8, Misfit> {
    let integer = match written {
        Written::Unsigned(v) => v,
        Written::Signed => return Err(Misfit::OutOfScale),
        Written::Float(v) if v.is_finite() && v.fract() == 0.0 => integral(v).ok_or(Misfit::OutOfScale)?,
        Written::Text(text) if text == NOT_APPLICABLE => {
            return if info.not_applicable { Ok(Sheet::NA) } else { Err(Misfit::NotApplicableForbidden) };
        }
        Written::Float(_) | Written::Text(_) | Written::Other => return Err(Misfit::NotAnInteger),
    };
    match u8::try_from(integer) {
        Ok(v) if (1..=info.points).contains(&v) => Ok(v),
        _ => Err(Misfit::OutOfScale),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The premises of the shortcut in [`plain`], checked against the
    /// predicates the long path uses: no printable ASCII character is a
    /// control, only the space is invisible, and a name made of them is
    /// its own NFC (by the `unicode-normalization` crate, independently of
    /// this crate's code). If a rule on names came to refuse some printable
    /// ASCII character, this fails before the shortcut could let it by.
    #[test]
    fn printable_ascii_obeys_every_rule_on_names() {
        for byte in b' '..=b'~' {
            let c = char::from(byte);
            assert!(!c.is_control(), "{c:?} is a control");
            assert_eq!(is_invisible(c), c == ' ', "{c:?}");
            let name = format!("a{c}b");
            #[cfg(feature = "unicode")]
            assert!(unicode_normalization::is_nfc(&name), "{name:?} is not NFC");
            assert_eq!(canonical(&name), name.as_str(), "{name:?}");
            assert!(plain(&name), "{name:?}");
        }
        // The shortcut's edges, from the rules: blank, over the limit, and
        // a character outside space to tilde are each left to the long path.
        assert!(!plain("   ") && !plain(""));
        assert!(plain(&"a".repeat(MAX_ID_CHARS)) && !plain(&"a".repeat(MAX_ID_CHARS + 1)));
        assert!(!plain("a\tb") && !plain("a\u{7f}b") && !plain("José"));
        assert!(matches!(respondent_id("   "), Err(ResponseError::EmptyRespondentId)));
        assert!(matches!(
            respondent_id(&"a".repeat(MAX_ID_CHARS + 1)),
            Err(ResponseError::TooLong { length, .. }) if length == MAX_ID_CHARS + 1
        ));
    }
}
