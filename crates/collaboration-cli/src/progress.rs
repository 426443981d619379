//! The progress bar on standard error: only on a terminal, only once an
//! input has taken about a second, and never with `--quiet`.

use std::io::{self, IsTerminal, Read, Write};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long an input may take before its bar appears.
const DELAY: Duration = Duration::from_secs(1);

/// The bar, hidden until it is worth showing. Lines for standard error go
/// through [`Progress::line`], so that they never tear the bar.
#[derive(Clone, Debug)]
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar for an input of `len` bytes (a spinner when unknown), or none
    /// when standard error is not a terminal or `quiet` is set. `doing`
    /// says what the pass does ("scoring", "checking").
    pub(crate) fn new(len: Option<u64>, quiet: bool, doing: &'static str) -> Self {
        if quiet || !io::stderr().is_terminal() {
            return Self { bar: None };
        }
        let bar = ProgressBar::with_draw_target(len, ProgressDrawTarget::hidden());
        let style = match len {
            Some(_) => {
                ProgressStyle::with_template("{spinner} {msg} {bytes}/{total_bytes} {wide_bar} {eta} left")
            }
            None => ProgressStyle::with_template("{spinner} {msg} {bytes} read, {bytes_per_sec}"),
        };
        if let Ok(style) = style {
            bar.set_style(style);
        }
        bar.set_message(doing);
        Self { bar: Some(bar) }
    }

    /// Wraps a reader so that its bytes move the bar.
    pub(crate) fn reader<R: Read>(&self, inner: R) -> Reading<R> {
        Reading { inner, bar: self.bar.clone(), started: Instant::now(), shown: false }
    }

    /// Writes a line to standard error, the bar moved out of its way.
    pub(crate) fn line(&self, err: &mut impl Write, line: &str) {
        match &self.bar {
            Some(bar) if !bar.is_hidden() => bar.suspend(|| {
                let _ = writeln!(err, "{line}");
                let _ = err.flush();
            }),
            _ => {
                let _ = writeln!(err, "{line}");
            }
        }
    }

    /// Takes the bar off the screen.
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// A reader that moves a bar.
pub(crate) struct Reading<R> {
    inner: R,
    bar: Option<ProgressBar>,
    started: Instant,
    shown: bool,
}

impl<R: Read> Read for Reading<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(bar) = &self.bar {
            bar.inc(n as u64);
            if !self.shown && self.started.elapsed() >= DELAY {
                self.shown = true;
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        }
        Ok(n)
    }
}
