//! Splitting a batch into the texts of its responses: JSON Lines, or the
//! elements of one JSON array, read as a stream in bounded memory.
//!
//! The line checks (too long, not UTF-8, blank, CRLF) live here once, in
//! [`check_line`], for the simple reader below and for the block engine.

use std::io::{BufRead, BufReader, Read};

use super::rejection::{BatchError, Position, RejectionReason};
use crate::limits::{MAX_ARRAY_BYTES, MAX_RESPONSE_BYTES};

/// What one line of JSON Lines holds.
#[derive(Debug)]
pub(crate) enum Line<'a> {
    /// Nothing but white space: not a response.
    Blank,
    /// A response's text, without its line end.
    Text(&'a str),
    /// A line that cannot be a response.
    Bad(RejectionReason),
}

/// Checks a line's bytes, its line end (`\n` or `\r\n`) already removed or
/// not.
pub(crate) fn check_line(raw: &[u8]) -> Line<'_> {
    // A byte order mark may start any line: `cat a.jsonl b.jsonl` puts b's
    // in the middle.
    let raw = content(raw);
    let raw = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
    if raw.len() > MAX_RESPONSE_BYTES {
        return Line::Bad(RejectionReason::TooLong { limit: MAX_RESPONSE_BYTES });
    }
    // The quick check says only whether the line is UTF-8; the standard
    // one then says where it stops being so.
    let text = match simdutf8::basic::from_utf8(raw) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(raw),
    };
    match text {
        Ok(text) if text.trim().is_empty() => Line::Blank,
        Ok(text) => Line::Text(text),
        Err(e) => Line::Bad(RejectionReason::InvalidUtf8 { valid_up_to: e.valid_up_to() }),
    }
}

/// A line known not to be blank, as a text or why it cannot be one.
fn line_result(raw: &[u8]) -> Result<&str, RejectionReason> {
    match check_line(raw) {
        Line::Text(text) => Ok(text),
        Line::Bad(reason) => Err(reason),
        Line::Blank => Ok(""),
    }
}

/// A line without its line end (`\n` or `\r\n`).
pub(crate) fn content(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Skips a byte order mark and leading white space, to see whether the batch
/// is a JSON array. Returns the line the content starts on, and whether it is
/// an array.
pub(crate) fn sniff<R: Read>(reader: &mut BufReader<R>) -> Result<(usize, bool), BatchError> {
    let mut line = 1;
    let mut first = true;
    loop {
        let buf = reader.fill_buf()?;
        let Some(&byte) = buf.first() else { return Err(BatchError::Empty) };
        if first && buf.starts_with(b"\xEF\xBB\xBF") {
            reader.consume(3);
        } else if byte == b'[' {
            return Ok((line, true));
        } else if byte.is_ascii_whitespace() {
            if byte == b'\n' {
                line += 1;
            }
            reader.consume(1);
        } else {
            return Ok((line, false));
        }
        first = false;
    }
}

/// Skips the rest of a line, to and with its line end, without keeping it.
/// False at the end of the input.
pub(crate) fn skip_line<R: BufRead>(reader: &mut R) -> std::io::Result<bool> {
    loop {
        let rest = reader.fill_buf()?;
        if rest.is_empty() {
            return Ok(false);
        }
        if let Some(end) = memchr::memchr(b'\n', rest) {
            reader.consume(end + 1);
            return Ok(true);
        }
        let len = rest.len();
        reader.consume(len);
    }
}

/// One response's position and text, or why it cannot be one.
pub(crate) type Text<'a> = (Position, Result<&'a str, RejectionReason>);

/// The texts of a batch's responses, one at a time.
pub(crate) enum Texts<R> {
    /// JSON Lines.
    Lines { reader: BufReader<R>, line: usize, buf: Vec<u8> },
    /// One JSON array.
    Array(Elements<R>),
}

impl<R: Read> Texts<R> {
    /// Starts reading `reader`, after [`sniff`] has looked at it.
    pub(crate) fn new(reader: BufReader<R>, line: usize, array: bool) -> Self {
        if array {
            Self::Array(Elements::new(reader, line))
        } else {
            Self::Lines { reader, line, buf: Vec::new() }
        }
    }

    /// The next response's position and text, or why it cannot be read;
    /// `None` at the end.
    ///
    /// # Errors
    ///
    /// [`BatchError`] when the input fails, or a JSON array is broken.
    pub(crate) fn next_text(&mut self) -> Result<Option<Text<'_>>, BatchError> {
        match self {
            Self::Lines { reader, line, buf } => loop {
                buf.clear();
                let keep = MAX_RESPONSE_BYTES as u64 + 2;
                let n = reader.by_ref().take(keep).read_until(b'\n', buf)?;
                if n == 0 {
                    return Ok(None);
                }
                let position = Position::Line(*line);
                *line += 1;
                if buf.last() != Some(&b'\n') && n as u64 >= keep {
                    // Longer than any response may be: skip the rest unread.
                    skip_line(reader)?;
                    return Ok(Some((position, Err(RejectionReason::TooLong { limit: MAX_RESPONSE_BYTES }))));
                }
                if matches!(check_line(buf), Line::Blank) {
                    continue;
                }
                return Ok(Some((position, line_result(buf))));
            },
            Self::Array(elements) => elements.next_element(),
        }
    }
}

/// The elements of one JSON array, split without parsing them: the scanner
/// follows strings and nesting only, and each element's text is then parsed
/// as one response. Memory is one element at a time.
pub(crate) struct Elements<R> {
    reader: BufReader<R>,
    /// The line of the next byte, from 1.
    line: usize,
    /// The column of the next byte, from 1.
    column: usize,
    /// Bytes read so far, against [`MAX_ARRAY_BYTES`].
    read: usize,
    /// Elements read so far.
    count: usize,
    state: State,
    buf: Vec<u8>,
}

/// Where the scanner is in the array.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Before `[`.
    Start,
    /// After `[` or a `,`: an element or (after `[`) `]` comes next.
    First,
    /// After `,`: an element must come next.
    Next,
    /// After an element: `,` or `]`.
    After,
    /// After `]`: only white space may follow.
    Done,
}

impl<R: Read> Elements<R> {
    fn new(reader: BufReader<R>, line: usize) -> Self {
        Self { reader, line, column: 1, read: 0, count: 0, state: State::Start, buf: Vec::new() }
    }

    /// The next byte, without taking it.
    fn peek(&mut self) -> Result<Option<u8>, BatchError> {
        Ok(self.reader.fill_buf()?.first().copied())
    }

    /// Takes the next byte.
    fn bump(&mut self) -> Result<Option<u8>, BatchError> {
        let Some(byte) = self.peek()? else { return Ok(None) };
        self.reader.consume(1);
        self.read += 1;
        if self.read > MAX_ARRAY_BYTES {
            return Err(BatchError::ArrayTooLarge { limit: MAX_ARRAY_BYTES });
        }
        if byte == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if byte & 0xC0 != 0x80 {
            // Columns count characters: continuation bytes add none.
            self.column += 1;
        }
        Ok(Some(byte))
    }

    fn broken(&self, message: impl Into<String>) -> BatchError {
        BatchError::Array {
            line: self.line,
            column: self.column,
            elements: self.count,
            message: message.into(),
        }
    }

    /// Skips white space; the next byte, not taken.
    fn skip_space(&mut self) -> Result<Option<u8>, BatchError> {
        while let Some(byte) = self.peek()? {
            if !matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
                return Ok(Some(byte));
            }
            self.bump()?;
        }
        Ok(None)
    }

    fn next_element(&mut self) -> Result<Option<Text<'_>>, BatchError> {
        loop {
            let next = self.skip_space()?;
            match (self.state, next) {
                (State::Start, Some(b'[')) => {
                    self.bump()?;
                    self.state = State::First;
                }
                (State::Start, _) => return Err(self.broken("expected `[`")),
                (State::First | State::After, Some(b']')) => {
                    self.bump()?;
                    self.state = State::Done;
                }
                (State::After, Some(b',')) => {
                    self.bump()?;
                    self.state = State::Next;
                }
                (State::After, Some(_)) => return Err(self.broken("expected `,` or `]` after an element")),
                (State::Next, Some(b']')) => return Err(self.broken("expected an element after `,`")),
                (State::First | State::Next | State::After, None) => {
                    return Err(self.broken("the array ends before its closing `]`"));
                }
                (State::First | State::Next, Some(_)) => {
                    let position = Position::Element(self.count + 1);
                    self.state = State::After;
                    return Ok(Some((position, self.scan_element()?)));
                }
                (State::Done, None) => return Ok(None),
                (State::Done, Some(_)) => return Err(self.broken("unexpected text after the array")),
            }
        }
    }

    /// Reads one element's text into `buf`, and counts it: up to a `,` or
    /// `]` outside any string or nesting. An element longer than a response may be is
    /// scanned to its end but not kept.
    fn scan_element(&mut self) -> Result<Result<&str, RejectionReason>, BatchError> {
        self.buf.clear();
        let (mut depth, mut in_string, mut escaped, mut too_long) = (0usize, false, false, false);
        loop {
            let Some(byte) = self.peek()? else {
                return Err(self.broken("the array ends inside an element"));
            };
            if !in_string && depth == 0 && matches!(byte, b',' | b']') {
                break;
            }
            self.bump()?;
            if in_string {
                match (escaped, byte) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
            } else {
                match byte {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            if self.buf.len() < MAX_RESPONSE_BYTES {
                self.buf.push(byte);
            } else {
                too_long = true;
            }
            // An object or list closing at the top ends the element: what
            // follows must be `,` or `]`.
            if !in_string && depth == 0 && matches!(byte, b'}' | b']') {
                break;
            }
        }
        self.count += 1;
        if too_long {
            return Ok(Err(RejectionReason::TooLong { limit: MAX_RESPONSE_BYTES }));
        }
        while self.buf.last().is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
            self.buf.pop();
        }
        Ok(match std::str::from_utf8(&self.buf) {
            Ok(text) => Ok(text),
            Err(e) => Err(RejectionReason::InvalidUtf8 { valid_up_to: e.valid_up_to() }),
        })
    }
}
