//! The fast path for one line of a batch: a scanner over the line's bytes
//! that puts the answers straight into a [`Sheet`], item ids resolved while
//! reading, with no allocation unless a string has escapes.
//!
//! It only ever says "valid" or "not sure": anything at all out of the
//! ordinary (a field it does not know, partner ratings, a number with a
//! fraction or a sign, a literal other than `null` where a name may be null,
//! any broken JSON, any rule broken) makes it give up, and the caller then
//! runs the simple path ([`super::parse`]), whose verdict and error message
//! stand. So the fast path cannot change what is accepted or how errors
//! read, and every rule it applies is [`super::rules`]', the same functions
//! the simple path calls. What it accepts is strict JSON (RFC 8259): white
//! space only where JSON allows it, no raw control characters in strings,
//! no leading zeros, and escapes decoded as JSON defines them.
//!
//! Why a scanner of its own rather than `serde_json` with visitors: the
//! batch is mostly this one shape, and reading it byte by byte, comparing
//! each item id with the one the instrument expects next, takes a fraction
//! of the time a general parser does (`docs/architecture.md`, "The batch
//! path").

use std::borrow::Cow;

use super::rules::{self, Written};
use super::sheet::Sheet;
use super::who::{Parts, RoleSet, organisation};
use crate::framework::{PowerSource, Role};
use crate::instrument::Instrument;

/// A response read by the fast path: who, and their answers in the sheet.
#[derive(Debug)]
pub(crate) struct Fast<'a> {
    pub(crate) id: Cow<'a, str>,
    roles: RoleSet,
    organisation: Option<Cow<'a, str>>,
    holds_power: bool,
}

impl Fast<'_> {
    pub(crate) fn parts(&self) -> Parts<'_> {
        Parts {
            roles: self.roles,
            organisation: organisation(self.organisation.as_deref()),
            holds_power: self.holds_power,
            // A line with partner ratings is the simple parser's.
            partners: &super::partners::NO_PARTNERS,
        }
    }
}

/// Reads `line` into `sheet` (which it clears first), or `None` when anything
/// is not plainly valid. `layout` is what the lines before taught the
/// scanner (see [`Layout`]); it never changes the verdict.
pub(crate) fn parse<'a>(
    instrument: &Instrument,
    line: &'a str,
    sheet: &mut Sheet,
    layout: &mut Layout,
) -> Option<Fast<'a>> {
    sheet.clear();
    let mut scan = Scan { text: line, bytes: line.as_bytes(), at: 0 };
    let fast = scan.top(instrument, sheet, layout)?;
    scan.space();
    (scan.at == scan.bytes.len()).then_some(fast)
}

/// The scanner: the line and how far it has read. Every method returns
/// `None` to give up.
struct Scan<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

/// The top-level fields.
#[derive(Clone, Copy, Debug)]
enum Field {
    Instrument,
    InstrumentVersion,
    Respondent,
    Answers,
}

/// The respondent's fields.
#[derive(Clone, Copy, Debug)]
enum WhoField {
    Id,
    Roles,
    Organisation,
    PowerSources,
}

impl<'a> Scan<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips JSON white space.
    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Skips white space and then `byte`, or gives up.
    fn eat(&mut self, byte: u8) -> Option<()> {
        self.space();
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// After a member: `true` when another follows (a comma), `false` at
    /// the object's or array's `close`.
    fn more(&mut self, close: u8) -> Option<bool> {
        self.space();
        let b = self.peek()?;
        self.at += 1;
        match b {
            b',' => Some(true),
            b if b == close => Some(false),
            _ => None,
        }
    }

    /// Opens an object or array: `true` when it has members, `false` when
    /// it is empty (and then closed).
    fn open(&mut self, open: u8, close: u8) -> Option<bool> {
        self.eat(open)?;
        self.space();
        if self.peek()? == close {
            self.at += 1;
            return Some(false);
        }
        Some(true)
    }

    /// Whether the text at the cursor is `literal`, which is then skipped.
    fn literal(&mut self, literal: &[u8]) -> bool {
        self.space();
        let found = self.bytes.get(self.at..).is_some_and(|rest| rest.starts_with(literal));
        if found {
            self.at += literal.len();
        }
        found
    }

    /// A string (the cursor on or before its opening quote), borrowed when
    /// it has no escapes.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let start = self.at;
        let rest = self.bytes.get(start..)?;
        let len = memchr::memchr2(b'"', b'\\', rest)?;
        // JSON has no raw control characters in strings.
        if rest.get(..len)?.iter().any(|&b| b < 0x20) {
            return None;
        }
        self.at = start + len;
        if self.peek()? == b'\\' {
            return self.escaped(start).map(Cow::Owned);
        }
        let s = self.text.get(start..self.at)?;
        self.at += 1;
        Some(Cow::Borrowed(s))
    }

    /// The rest of a string with escapes, from `start` (just after its
    /// opening quote), decoded as JSON defines them.
    fn escaped(&mut self, start: usize) -> Option<String> {
        let mut out = String::from(self.text.get(start..self.at)?);
        loop {
            let run = self.at;
            while let Some(b) = self.peek() {
                match b {
                    b'"' | b'\\' => break,
                    0..=0x1f => return None,
                    _ => self.at += 1,
                }
            }
            out.push_str(self.text.get(run..self.at)?);
            let b = self.peek()?;
            self.at += 1;
            if b == b'"' {
                return Some(out);
            }
            let e = self.peek()?;
            self.at += 1;
            let c = match e {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => self.unicode()?,
                _ => return None,
            };
            out.push(c);
        }
    }

    /// The four hex digits after `\u`, with the low half of a surrogate
    /// pair when they are the high half. A lone surrogate gives up.
    fn unicode(&mut self) -> Option<char> {
        let high = self.hex4()?;
        if !(0xD800..0xDC00).contains(&high) {
            return char::from_u32(high);
        }
        if !self.bytes.get(self.at..)?.starts_with(b"\\u") {
            return None;
        }
        self.at += 2;
        let low = self.hex4()?;
        if !(0xDC00..0xE000).contains(&low) {
            return None;
        }
        char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes.get(self.at..self.at + 4)?;
        let mut v = 0;
        for &d in digits {
            v = v * 16 + char::from(d).to_digit(16)?;
        }
        self.at += 4;
        Some(v)
    }

    /// A key and its colon.
    fn key(&mut self) -> Option<Cow<'a, str>> {
        let key = self.string()?;
        self.eat(b':')?;
        Some(key)
    }

    /// An item id as a key, resolved to the item's position: first against
    /// the id of `next`, the item after the previous one (answers usually
    /// come in the instrument's order), with no copy; then by look-up.
    fn item(&mut self, instrument: &Instrument, next: usize) -> Option<usize> {
        if let Some(item) = instrument.items().get(next)
            && self.quoted(&item.id)
        {
            self.eat(b':')?;
            return Some(next);
        }
        let key = self.key()?;
        instrument.position(&key)
    }

    /// An answer: a plain non-negative integer or a string (anything else,
    /// fractions and exponents among it, is the simple path's).
    fn answer(&mut self) -> Option<Written<'a>> {
        self.space();
        match self.peek()? {
            b'"' => match self.string()? {
                Cow::Borrowed(s) => Some(Written::Text(s)),
                // An escaped answer is never a valid one but "n/a" spelt
                // with escapes: rare, and the simple path's.
                Cow::Owned(_) => None,
            },
            // One digit, the usual answer.
            d @ b'1'..=b'9'
                if !matches!(self.bytes.get(self.at + 1), Some(b'0'..=b'9' | b'.' | b'e' | b'E')) =>
            {
                self.at += 1;
                Some(Written::Unsigned(u64::from(d - b'0')))
            }
            b'0'..=b'9' => {
                let start = self.at;
                let mut v: u64 = 0;
                while let Some(d @ b'0'..=b'9') = self.peek() {
                    v = v.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
                    self.at += 1;
                }
                let digits = self.at - start;
                // No leading zeros, and no fraction or exponent.
                let leading_zero = digits > 1 && self.bytes.get(start) == Some(&b'0');
                if leading_zero || matches!(self.peek(), Some(b'.' | b'e' | b'E')) {
                    return None;
                }
                Some(Written::Unsigned(v))
            }
            _ => None,
        }
    }

    /// The whole response object.
    fn top(&mut self, instrument: &Instrument, sheet: &mut Sheet, layout: &mut Layout) -> Option<Fast<'a>> {
        let (mut seen_instrument, mut version, mut answers) = (false, false, false);
        let mut respondent = None;
        self.eat(b'{')?;
        let mut k = 0;
        while let Some(field) = self.member(&mut layout.top, k, |scan| {
            Some(match &*scan.key()? {
                "instrument" => Field::Instrument,
                "instrument_version" => Field::InstrumentVersion,
                "respondent" => Field::Respondent,
                "answers" => Field::Answers,
                _ => return None,
            })
        })? {
            k += 1;
            match field {
                Field::Instrument if !seen_instrument => {
                    self.exactly(instrument.id())?;
                    seen_instrument = true;
                }
                Field::InstrumentVersion if !version => {
                    if !self.literal(b"null") {
                        (self.string()? == instrument.version()).then_some(())?;
                    }
                    version = true;
                }
                Field::Respondent if respondent.is_none() => respondent = Some(self.who(&mut layout.who)?),
                Field::Answers if !answers => {
                    self.answers(instrument, sheet, &mut layout.answers)?;
                    answers = true;
                }
                _ => return None,
            }
        }
        match respondent {
            Some(who) if seen_instrument && answers => Some(who),
            _ => None,
        }
    }

    /// The respondent object.
    fn who(&mut self, runs: &mut Runs<WhoField>) -> Option<Fast<'a>> {
        let mut id: Option<Cow<'a, str>> = None;
        let mut roles: Option<RoleSet> = None;
        let mut org: Option<Option<Cow<'a, str>>> = None;
        let mut holds: Option<bool> = None;
        self.eat(b'{')?;
        let mut k = 0;
        while let Some(field) = self.member(runs, k, |scan| {
            Some(match &*scan.key()? {
                "id" => WhoField::Id,
                "roles" => WhoField::Roles,
                "organisation" => WhoField::Organisation,
                "power_sources" => WhoField::PowerSources,
                _ => return None,
            })
        })? {
            k += 1;
            match field {
                WhoField::Id if id.is_none() => id = Some(self.string()?),
                WhoField::Roles if roles.is_none() => {
                    let mut set = RoleSet::default();
                    self.strings(|role| {
                        set.insert(Role::parse(role).ok()?);
                        Some(())
                    })?;
                    roles = Some(set);
                }
                WhoField::Organisation if org.is_none() => {
                    org = Some(if self.literal(b"null") { None } else { Some(self.string()?) });
                }
                WhoField::PowerSources if holds.is_none() => {
                    let mut any = false;
                    self.strings(|source| {
                        PowerSource::parse(source).ok()?;
                        any = true;
                        Some(())
                    })?;
                    holds = Some(any);
                }
                _ => return None,
            }
        }
        let org = org.flatten();
        rules::organisation("", org.as_deref()).ok()?;
        let id = id?;
        rules::respondent_id(&id).ok()?;
        Some(Fast {
            id,
            roles: roles.unwrap_or_default(),
            organisation: org,
            holds_power: holds.unwrap_or(false),
        })
    }

    /// An array of strings, each given to `each`.
    fn strings(&mut self, mut each: impl FnMut(&str) -> Option<()>) -> Option<()> {
        let mut more = self.open(b'[', b']')?;
        while more {
            each(&self.string()?)?;
            more = self.more(b']')?;
        }
        Some(())
    }

    /// The answers object, written straight into the sheet.
    fn answers(&mut self, instrument: &Instrument, sheet: &mut Sheet, runs: &mut Runs<usize>) -> Option<()> {
        let info = instrument.info();
        self.eat(b'{')?;
        let (mut next, mut k) = (0, 0);
        while let Some(position) = self.member(runs, k, |scan| scan.item(instrument, next))? {
            let code = rules::answer(*info.get(position)?, self.answer()?).ok()?;
            // An item answered twice is for the simple path to report.
            sheet.set(position, code).then_some(())?;
            next = position + 1;
            k += 1;
        }
        Some(())
    }

    /// The `k`th member's run-up in an object whose opening brace has been
    /// read: the comma before it (none for the first), its key, the colon
    /// and the white space up to its value. `Some(None)` when the object
    /// closes instead; `read_key` reads and names a key.
    ///
    /// The run-up is first compared, as a whole, with the run-up of the
    /// `k`th member of the line before, which `runs` keeps: lines written
    /// by one program are laid out alike, and when the bytes are the same,
    /// reading them again would name the same key and end at the same
    /// place. Only a run-up that differs is read piece by piece, and it
    /// then becomes the one to compare with.
    // `None` gives up, as every method here does; `Some(None)` is the end
    // of the object, a verdict of its own.
    #[allow(clippy::option_option)]
    fn member<F: Copy>(
        &mut self,
        runs: &mut Runs<F>,
        k: usize,
        read_key: impl FnOnce(&mut Self) -> Option<F>,
    ) -> Option<Option<F>> {
        let from = self.at;
        if let Some(run) = runs.0.get(k)
            && self.bytes.get(from..from + run.bytes.len()).is_some_and(|b| same(b, &run.bytes))
        {
            self.at = from + run.bytes.len();
            return Some(Some(run.key));
        }
        if k == 0 {
            self.space();
            if self.peek()? == b'}' {
                self.at += 1;
                return Some(None);
            }
        } else if !self.more(b'}')? {
            return Some(None);
        }
        let key = read_key(self)?;
        self.space();
        runs.learn(k, self.bytes.get(from..self.at)?, key);
        Some(Some(key))
    }

    /// A string that must be `expected` (which has no characters JSON
    /// escapes): compared in place, or read and then compared when it is
    /// written otherwise (with escapes, say).
    fn exactly(&mut self, expected: &str) -> Option<()> {
        if self.quoted(expected) {
            return Some(());
        }
        (self.string()? == expected).then_some(())
    }

    /// Whether the text at the cursor (after white space) is `want` between
    /// quotes, as written, which is then skipped; `want` has no characters
    /// JSON escapes (ids are kebab case).
    fn quoted(&mut self, want: &str) -> bool {
        self.space();
        let want = want.as_bytes();
        let start = self.at + 1;
        let found = self.peek() == Some(b'"')
            && self.bytes.get(start..start + want.len()).is_some_and(|found| same(found, want))
            && self.bytes.get(start + want.len()) == Some(&b'"');
        if found {
            self.at = start + want.len() + 1;
        }
        found
    }
}

/// What the fast path remembers of the lines it has read, for the next
/// line: each object's members' run-ups (see [`Scan::member`]). Kept by
/// whoever reads many lines; it never changes a verdict, only how soon it
/// is reached.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    top: Runs<Field>,
    who: Runs<WhoField>,
    answers: Runs<usize>,
}

/// The run-ups of one object's members, by the member's place, each with
/// what its key named (a field, or an item's position).
#[derive(Debug)]
struct Runs<F>(Vec<Run<F>>);

impl<F> Default for Runs<F> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

/// One member's run-up and what its key named.
#[derive(Debug)]
struct Run<F> {
    bytes: Vec<u8>,
    key: F,
}

impl<F> Runs<F> {
    /// How many members' run-ups are kept at most: as many as a response
    /// may have answers, so a line of junk members keeps no more.
    const MOST: usize = crate::limits::MAX_ANSWERS;

    fn learn(&mut self, k: usize, bytes: &[u8], key: F) {
        if let Some(run) = self.0.get_mut(k) {
            run.bytes.clear();
            run.bytes.extend_from_slice(bytes);
            run.key = key;
        } else if k == self.0.len() && k < Self::MOST {
            self.0.push(Run { bytes: bytes.to_vec(), key });
        }
    }
}

/// Whether `a` and `b` hold the same bytes, compared sixteen at a time in
/// line (the last sixteen overlapping the chunks before): item ids and
/// run-ups are a few dozen bytes, and a call to `memcmp` for each costs
/// more than the comparison.
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n < 16 {
        return a == b;
    }
    let last = |s: &[u8]| wide(s.get(n - 16..).unwrap_or_default());
    let (a16, b16) = (a.chunks_exact(16), b.chunks_exact(16));
    last(a) == last(b) && a16.zip(b16).all(|(x, y)| wide(x) == wide(y))
}

/// Sixteen bytes as one number.
fn wide(bytes: &[u8]) -> u128 {
    let mut w = [0; 16];
    if let Some(bytes) = bytes.get(..16) {
        w.copy_from_slice(bytes);
    }
    u128::from_ne_bytes(w)
}
