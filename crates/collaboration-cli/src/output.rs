//! Where results go: standard output, or a file written atomically (a
//! temporary file beside it, then a rename), so that an interrupted or
//! failed run never leaves half a report, nor harms the file already there.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::fail::{Failure, io_words, writing};

/// Writes what `write` produces to `path` atomically, or to standard output
/// when `path` is `None` or `-`. Nothing is written to a file unless
/// `write` succeeds.
pub(crate) fn to(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<(), Failure>,
) -> Result<(), Failure> {
    match path {
        None => stdout(write),
        Some(path) if path.as_os_str() == "-" => stdout(write),
        Some(path) => file(path, write),
    }
}

fn stdout(write: impl FnOnce(&mut dyn Write) -> Result<(), Failure>) -> Result<(), Failure> {
    let mut out = BufWriter::new(io::stdout().lock());
    write(&mut out)?;
    out.flush().map_err(|e| writing("standard output", &e))
}

/// A temporary file in the target's folder, renamed over the target once
/// complete; dropped (and so removed) on any failure.
pub(crate) fn file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), Failure>,
) -> Result<(), Failure> {
    atomic(path, 0o666, write)
}

/// [`file`], readable and writable by its owner only (the temporary file's
/// own mode): for aggregate states and keys, which are confidential.
pub(crate) fn private_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), Failure>,
) -> Result<(), Failure> {
    atomic(path, 0o600, write)
}

#[cfg_attr(not(unix), allow(unused_variables))]
fn atomic(
    path: &Path,
    mode: u32,
    write: impl FnOnce(&mut dyn Write) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let shown = path.display();
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".collaboration-").suffix(".tmp");
    // A report may be read by anyone, as a plain write makes it (the umask
    // still applies); a state or key by its owner only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let temporary = builder
        .tempfile_in(dir)
        .map_err(|e| Failure::new(format!("{shown}: cannot write there: {}", io_words(&e))))?;
    let mut out = BufWriter::new(temporary);
    write(&mut out)?;
    let temporary =
        out.into_inner().map_err(|e| Failure::new(format!("writing {shown}: {}", io_words(e.error()))))?;
    temporary.as_file().sync_all().map_err(|e| Failure::new(format!("writing {shown}: {}", io_words(&e))))?;
    temporary.persist(path).map_err(|e| Failure::new(format!("writing {shown}: {}", io_words(&e.error))))?;
    Ok(())
}

/// Maps a write's I/O error to a failure naming what was written.
pub(crate) fn io(what: &str) -> impl Fn(io::Error) -> Failure + '_ {
    move |e| writing(what, &e)
}
