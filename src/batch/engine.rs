//! The fast batch path: JSON Lines read in blocks, parsed on worker threads
//! straight into counts, and merged in order.
//!
//! The calling thread reads blocks that end at a line boundary and hands
//! them to the workers; each worker parses its block's lines (the fast path
//! of [`super::fast`], falling back to the simple path for anything
//! unusual) into a block [`Tally`]; the calling thread merges the block
//! results in block order. Duplicate respondents are caught at that merge,
//! in line order: a block with one is counted again without it (only ever
//! adding), so the result is exactly that of reading one response at a
//! time.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::ops::Range;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use super::input::{Line, Texts, check_line, skip_line, sniff};
use super::reader::Reader;
use super::rejection::{BatchError, Position, Rejection, RejectionReason};
use crate::instrument::Instrument;
use crate::limits::MAX_RESPONSE_BYTES;
use crate::report::tally::Tally;
use crate::report::{AggregateError, Aggregator, FingerprintKey, Fingerprints};
use crate::response::rules;
use crate::response::who::Parts;
use crate::response::{Response, ResponseError, Sheet, fast};

/// How many bytes a block holds, at least (a block ends at a line end).
const BLOCK: usize = 1 << 20;

/// How many lines a block holds at most, so that a block of short junk
/// lines keeps few rejections in flight.
const BLOCK_LINES: usize = 1 << 13;

/// How many buffers of blocks done with are kept for blocks to come, at
/// most: enough for the blocks in flight on a few cores (more threads only
/// allocate the rest), and a bound on the memory kept whatever the number
/// of threads.
const SPARE: usize = 8;

/// A run of whole lines.
struct Block {
    index: usize,
    /// The number of the block's first line.
    first_line: usize,
    bytes: Vec<u8>,
    /// Where each line end (`\n`) is in `bytes`, found once when the block
    /// is cut; the last line of the input may have none.
    ends: Vec<usize>,
}

/// Reads blocks of whole lines.
struct Blocks<R> {
    reader: BufReader<R>,
    carry: Vec<u8>,
    line: usize,
    index: usize,
    done: bool,
}

impl<R: Read> Blocks<R> {
    /// Reads into `bytes` from `*filled` on, up to `to` bytes in all, or to
    /// the end of the input, which it notes; `*filled` says how far it got.
    /// `bytes` is grown to `to` first, and only what it grows is zeroed:
    /// a block's buffer is used again, already initialised, for a later
    /// block (zeroing a fresh megabyte for every block cost 2% of a batch).
    fn fill(&mut self, bytes: &mut Vec<u8>, filled: &mut usize, to: usize) -> std::io::Result<()> {
        if bytes.len() < to {
            bytes.resize(to, 0);
        }
        // What the buffer holds first (what sniffing looked at), then
        // straight from the input into the block: through the buffer, every
        // byte would be copied twice.
        let buffered = self.reader.buffer();
        let n = buffered.len().min(to.saturating_sub(*filled));
        if let (Some(room), Some(held)) = (bytes.get_mut(*filled..*filled + n), buffered.get(..n)) {
            room.copy_from_slice(held);
            *filled += n;
        }
        self.reader.consume(n);
        while *filled < to {
            let Some(room) = bytes.get_mut(*filled..to) else { break };
            match self.reader.get_mut().read(room) {
                Ok(0) => {
                    self.done = true;
                    break;
                }
                Ok(read) => *filled += read,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Skips the rest of a line, to and with its line end, without keeping it.
    fn skip_line(&mut self) -> std::io::Result<()> {
        if !skip_line(&mut self.reader)? {
            self.done = true;
        }
        Ok(())
    }

    /// The next block, read into one of the `spare` buffers of blocks
    /// done with when there is one.
    fn next(&mut self, spare: &mut Vec<Vec<u8>>) -> std::io::Result<Option<Block>> {
        let mut bytes = spare.pop().unwrap_or_default();
        // What the last block left over goes first.
        let mut filled = self.carry.len();
        if bytes.len() < filled {
            bytes.resize(filled, 0);
        }
        if let Some(front) = bytes.get_mut(..filled) {
            front.copy_from_slice(&self.carry);
        }
        self.carry.clear();
        if !self.done && filled < BLOCK {
            self.fill(&mut bytes, &mut filled, BLOCK)?;
        }
        // Cut after the last line end; a line longer than a block is read on
        // until it ends, keeping no more of it than shows it is too long. At
        // the end of the input, the rest is the block.
        let mut from = 0;
        while !self.done {
            let tail = bytes.get(from..filled).unwrap_or_default();
            if let Some(end) = memchr::memrchr(b'\n', tail) {
                let cut = from + end + 1;
                self.carry.extend_from_slice(bytes.get(cut..filled).unwrap_or_default());
                filled = cut;
                break;
            }
            // No line end at all: the block is one unfinished line.
            if filled > MAX_RESPONSE_BYTES + 2 {
                filled = MAX_RESPONSE_BYTES + 3;
                self.skip_line()?;
                bytes.truncate(filled);
                bytes.push(b'\n');
                filled += 1;
                break;
            }
            from = filled;
            self.fill(&mut bytes, &mut filled, from + BLOCK)?;
        }
        bytes.truncate(filled);
        if bytes.is_empty() {
            return Ok(None);
        }
        // At most BLOCK_LINES lines: the rest waits for the next block. One
        // pass finds the line ends, which the worker then splits lines at,
        // and where to cut.
        let (mut ends, mut cut) = (Vec::with_capacity(BLOCK_LINES.min(4096)), None);
        for end in memchr::memchr_iter(b'\n', &bytes) {
            ends.push(end);
            if ends.len() == BLOCK_LINES {
                cut = Some(end + 1);
                break;
            }
        }
        let lines = ends.len();
        if let Some(cut) = cut.filter(|&cut| cut < bytes.len()) {
            let mut rest = bytes.get(cut..).unwrap_or_default().to_vec();
            rest.append(&mut self.carry);
            self.carry = rest;
            bytes.truncate(cut);
        }
        let first_line = self.line;
        self.line += lines;
        let index = self.index;
        self.index += 1;
        Ok(Some(Block { index, first_line, bytes, ends }))
    }
}

/// What a worker makes of a block.
struct Done {
    index: usize,
    first_line: usize,
    tally: Tally,
    /// Each counted respondent: fingerprint, line number, and the line's
    /// bytes in `bytes`.
    ids: Vec<(u128, usize, Range<usize>)>,
    rejected: Vec<Rejection>,
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

/// The lines of a block: `(line number, byte range without the line end)`,
/// split at the line ends found when the block was cut.
fn lines(block: &Block) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
    let last = block.ends.last().map_or(0, |&end| end + 1);
    // The ends, and the end of the bytes for a last line without one.
    let tail = (last < block.bytes.len()).then_some(block.bytes.len());
    let mut start = 0;
    block.ends.iter().copied().chain(tail).enumerate().map(move |(i, len_end)| {
        let range_start = start;
        start = len_end + 1;
        let end = if len_end > range_start && block.bytes.get(len_end - 1) == Some(&b'\r') {
            len_end - 1
        } else {
            len_end
        };
        (block.first_line + i, range_start..end)
    })
}

/// One respondent read from a line, by the fast path or the simple one.
enum Read1<'a> {
    Fast(fast::Fast<'a>),
    Simple(Box<Response>, Sheet),
}

/// Reads one non-blank line. `sheet` holds the answers of a fast read.
fn read_line<'a>(
    instrument: &Instrument,
    text: &'a str,
    sheet: &mut Sheet,
    layout: &mut fast::Layout,
) -> Result<Read1<'a>, ResponseError> {
    if let Some(fast) = fast::parse(instrument, text, sheet, layout) {
        return Ok(Read1::Fast(fast));
    }
    let (response, sheet) = instrument.parse_checked(text)?;
    Ok(Read1::Simple(Box::new(response), sheet))
}

/// Counts a block's lines, leaving out those numbered in `skip` (sorted):
/// the repeats of respondents counted in earlier blocks.
fn work(
    instrument: &Instrument,
    key: &FingerprintKey,
    fold_case: bool,
    block: Block,
    skip: &[usize],
) -> Done {
    let mut tally = Tally::new(instrument);
    let mut ids = Vec::new();
    let mut rejected = Vec::new();
    let mut sheet = Sheet::new(instrument.items().len());
    let mut layout = fast::Layout::default();
    for (number, range) in lines(&block) {
        let position = Position::Line(number);
        if skip.binary_search(&number).is_ok() {
            continue;
        }
        let text = match check_line(block.bytes.get(range.clone()).unwrap_or_default()) {
            Line::Blank => continue,
            Line::Bad(reason) => {
                rejected.push(Rejection::new(position, reason));
                continue;
            }
            Line::Text(text) => text,
        };
        match read_line(instrument, text, &mut sheet, &mut layout) {
            Ok(Read1::Fast(fast)) => {
                tally.add(instrument, fast.parts(), &sheet);
                ids.push((key.fingerprint(&fast.id, fold_case), number, range));
            }
            Ok(Read1::Simple(response, simple)) => {
                tally.add(
                    instrument,
                    Parts::of(&response.respondent).with_partners(&response.partners),
                    &simple,
                );
                ids.push((key.fingerprint(response.respondent.id.as_str(), fold_case), number, range));
            }
            Err(e) => rejected.push(Rejection::new(position, RejectionReason::Invalid(e))),
        }
    }
    Done {
        index: block.index,
        first_line: block.first_line,
        tally,
        ids,
        rejected,
        bytes: block.bytes,
        ends: block.ends,
    }
}

/// Merges block results in block order.
struct Merger<'i, 's> {
    instrument: &'i Instrument,
    key: &'s FingerprintKey,
    tally: Tally,
    /// The respondents counted before the batch.
    before: &'s Fingerprints,
    /// Those of the batch.
    seen: Fingerprints,
    /// Where each rejection goes, in the batch's order.
    sink: &'s mut dyn FnMut(Rejection),
    /// Whether ids that differ only in case are one respondent.
    fold_case: bool,
    responses: usize,
    next: usize,
    waiting: BTreeMap<usize, Done>,
    /// The buffers of blocks done with, for blocks to come.
    spare: Vec<Vec<u8>>,
}

impl Merger<'_, '_> {
    fn take(&mut self, done: Done) {
        self.waiting.insert(done.index, done);
        while let Some(done) = self.waiting.remove(&self.next) {
            self.absorb(done);
            self.next += 1;
        }
    }

    fn absorb(&mut self, mut done: Done) {
        self.responses += done.ids.len() + done.rejected.len();
        let mut repeats = Vec::new();
        // Room for the block's respondents at once, not by doubling.
        self.seen.reserve(done.ids.len());
        for (fingerprint, number, range) in &done.ids {
            if !self.before.contains(fingerprint) && self.seen.insert(*fingerprint) {
                continue;
            }
            // A respondent seen before: rejected, as reading one response
            // at a time would.
            let text =
                done.bytes.get(range.clone()).and_then(|raw| std::str::from_utf8(raw).ok()).unwrap_or("");
            let mut sheet = Sheet::new(self.instrument.items().len());
            let id = match read_line(self.instrument, text, &mut sheet, &mut fast::Layout::default()) {
                Ok(Read1::Fast(fast)) => rules::canonical(&fast.id).into_owned(),
                Ok(Read1::Simple(response, _)) => response.respondent.id.as_str().to_owned(),
                Err(_) => continue, // the line was counted, so it reads again
            };
            repeats.push(*number);
            let reason = RejectionReason::DuplicateRespondent { respondent: id };
            done.rejected.push(Rejection::new(Position::Line(*number), reason));
        }
        if !repeats.is_empty() {
            // Rare: count the block again without the repeats. Its other
            // lines give the same counts and rejections as before.
            let block =
                Block { index: done.index, first_line: done.first_line, bytes: done.bytes, ends: done.ends };
            let again = work(self.instrument, self.key, self.fold_case, block, &repeats);
            (done.tally, done.bytes) = (again.tally, again.bytes);
        }
        done.rejected.sort_by_key(|r| r.position);
        for rejection in done.rejected {
            (self.sink)(rejection);
        }
        self.tally.merge(&done.tally);
        if self.spare.len() < SPARE {
            self.spare.push(done.bytes);
        }
    }
}

/// Counts a batch into `aggregator` on `threads` workers (1: on the
/// calling thread), and says how many responses it had. Nothing is counted
/// when it fails.
pub(crate) fn aggregate<R: Read>(
    input: R,
    aggregator: &mut Aggregator<'_>,
    threads: usize,
    sink: &mut dyn FnMut(Rejection),
) -> Result<usize, BatchError> {
    let instrument = aggregator.instrument();
    let fold_case = aggregator.options().fold_case;
    let key = *aggregator.key().ok_or(BatchError::KeyUnknown)?;
    let mut reader = BufReader::with_capacity(BLOCK, input);
    let (line, array) = sniff(&mut reader)?;
    if array {
        // Arrays are read one response at a time, into a copy that replaces
        // the aggregator only when the whole array has been read.
        let mut copy = aggregator.clone();
        let mut responses = 0;
        let mut elements = Reader::from_texts(Texts::new(reader, line, true), instrument, fold_case);
        while let Some(entry) = elements.next_checked() {
            let (position, checked) = entry?;
            responses += 1;
            match checked {
                Ok((response, sheet)) => {
                    match copy.add_sheet(&response.respondent, &response.partners, &sheet) {
                        Ok(()) => {}
                        // A repeat of a respondent counted before the batch (the
                        // reader refuses repeats within it): rejected, never
                        // dropped unaccounted.
                        Err(AggregateError::DuplicateRespondent { respondent }) => {
                            sink(Rejection::new(
                                position,
                                RejectionReason::DuplicateRespondent { respondent },
                            ));
                        }
                        Err(_) => return Err(BatchError::KeyUnknown),
                    }
                }
                Err(rejection) => sink(rejection),
            }
        }
        *aggregator = copy;
        return Ok(responses);
    }

    let mut blocks = Blocks { reader, carry: Vec::new(), line, index: 0, done: false };
    let mut merger = Merger {
        instrument,
        key: &key,
        tally: Tally::new(instrument),
        before: aggregator.fingerprints(),
        seen: Fingerprints::default(),
        sink,
        fold_case,
        responses: 0,
        next: 0,
        waiting: BTreeMap::new(),
        spare: Vec::new(),
    };
    if threads <= 1 {
        while let Some(block) = blocks.next(&mut merger.spare)? {
            merger.take(work(instrument, &key, fold_case, block, &[]));
        }
    } else {
        // The calling thread reads, works when the workers are busy, and
        // merges: `threads − 1` workers beside it keep every core busy.
        std::thread::scope(|scope| -> Result<(), BatchError> {
            let workers = threads - 1;
            let (work_tx, work_rx) = mpsc::sync_channel::<Block>(2 * workers);
            let (done_tx, done_rx) = mpsc::channel::<Done>();
            let work_rx = Arc::new(Mutex::new(work_rx));
            for _ in 0..workers {
                let work_rx = Arc::clone(&work_rx);
                let done_tx = done_tx.clone();
                scope.spawn(move || {
                    loop {
                        let block = match work_rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => return,
                        };
                        let Ok(block) = block else { return };
                        if done_tx.send(work(instrument, &key, fold_case, block, &[])).is_err() {
                            return;
                        }
                    }
                });
            }
            drop(done_tx);
            let mut read = Ok(());
            loop {
                match blocks.next(&mut merger.spare) {
                    Ok(Some(block)) => match work_tx.try_send(block) {
                        Ok(()) => {}
                        Err(mpsc::TrySendError::Full(block)) => {
                            merger.take(work(instrument, &key, fold_case, block, &[]));
                        }
                        Err(mpsc::TrySendError::Disconnected(_)) => break,
                    },
                    Ok(None) => break,
                    Err(e) => {
                        read = Err(e);
                        break;
                    }
                }
                while let Ok(done) = done_rx.try_recv() {
                    merger.take(done);
                }
            }
            drop(work_tx);
            // The input is read: the calling thread takes queued blocks
            // too, rather than wait while one worker works through them
            // (the last few blocks were up to 2% of a batch's time).
            // (The lock is let go inside `and_then`, before the work.)
            while let Some(block) = work_rx.lock().ok().and_then(|rx| rx.try_recv().ok()) {
                merger.take(work(instrument, &key, fold_case, block, &[]));
                while let Ok(done) = done_rx.try_recv() {
                    merger.take(done);
                }
            }
            for done in done_rx {
                merger.take(done);
            }
            read.map_err(BatchError::Io)
        })?;
    }
    if merger.responses == 0 {
        return Err(BatchError::Empty);
    }
    let (tally, seen, responses) = (merger.tally, merger.seen, merger.responses);
    aggregator.absorb(&tally, seen);
    Ok(responses)
}
