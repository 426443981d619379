//! Why a command failed, in words a person reads, and its exit status.

use std::fmt;
use std::process::ExitCode;

/// A command that could not do what it was asked. The problems with each
/// response have been listed on standard error already; the message says
/// what follows from them.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Invalid input: exit status 1, with this message on standard error.
    Invalid(String),
    /// Standard output was closed by its reader (`… | head`): stop quietly.
    Closed,
}

impl Failure {
    /// Invalid input, with a message.
    pub(crate) fn new(message: impl fmt::Display) -> Self {
        Self::Invalid(message.to_string())
    }

    /// Prints the message and gives the exit status.
    pub(crate) fn report(self) -> ExitCode {
        match self {
            Self::Invalid(message) => {
                eprintln!("collaboration: {message}");
                ExitCode::FAILURE
            }
            Self::Closed => ExitCode::SUCCESS,
        }
    }
}

/// A write to standard output or a file failed.
pub(crate) fn writing(what: &str, err: &std::io::Error) -> Failure {
    if err.kind() == std::io::ErrorKind::BrokenPipe {
        Failure::Closed
    } else {
        Failure::new(format!("writing {what}: {}", io_words(err)))
    }
}

/// An I/O error without Rust's `(os error 2)`.
pub(crate) fn io_words(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::IsADirectory => "it is a directory".to_owned(),
        _ => {
            let text = err.to_string();
            match text.split_once(" (os error") {
                Some((words, _)) => words.to_owned(),
                None => text,
            }
        }
    }
}
