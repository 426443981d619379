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

/// A `serde_json` error in words, with one position: `line 3, column 5:
/// expected a whole number, found the string "x"`, never serde's type names.
pub(crate) fn json_words(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let message = match text.rsplit_once(" at line ") {
        Some((message, _)) => message.to_owned(),
        None => text,
    };
    let message = humane(&message);
    if err.line() == 0 { message } else { format!("line {}, column {}: {message}", err.line(), err.column()) }
}

/// serde's `invalid type: integer `1`, expected u64` in words.
fn humane(message: &str) -> String {
    let expected_words = |expected: &str| -> String {
        match expected {
            "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" => {
                "a whole number".to_owned()
            }
            "f32" | "f64" => "a number".to_owned(),
            "a boolean" => "true or false".to_owned(),
            "a sequence" => "a list".to_owned(),
            "a map" => "a JSON object".to_owned(),
            other if other.starts_with("struct ") => "a JSON object".to_owned(),
            other => other.to_owned(),
        }
    };
    let Some(rest) =
        message.strip_prefix("invalid type: ").or_else(|| message.strip_prefix("invalid value: "))
    else {
        return message.to_owned();
    };
    let Some((found, expected)) = rest.split_once(", expected ") else { return message.to_owned() };
    let quoted = |v: &str| v.trim_matches(['`', '"']).to_owned();
    let found = if let Some(v) = found.strip_prefix("integer ") {
        format!("the number {}", quoted(v))
    } else if let Some(v) = found.strip_prefix("floating point ") {
        format!("the number {}", quoted(v))
    } else if let Some(v) = found.strip_prefix("string ") {
        format!("the string {v}")
    } else if let Some(v) = found.strip_prefix("boolean ") {
        quoted(v)
    } else {
        match found {
            "sequence" => "a list".to_owned(),
            "map" => "an object".to_owned(),
            "null" | "unit value" => "null".to_owned(),
            other => other.to_owned(),
        }
    };
    format!("expected {}, found {found}", expected_words(expected))
}

#[cfg(test)]
mod tests {
    use super::humane;

    #[test]
    fn serde_messages_read_as_words() {
        // The words are the crate's own (`src/de.rs`): what was expected,
        // then what was found.
        assert_eq!(
            humane("invalid type: string \"x\", expected u64"),
            "expected a whole number, found the string \"x\""
        );
        assert_eq!(
            humane("invalid type: integer `1`, expected struct Summary"),
            "expected a JSON object, found the number 1"
        );
        assert_eq!(humane("invalid type: null, expected f64"), "expected a number, found null");
        assert_eq!(humane("missing field `overall`"), "missing field `overall`");
    }
}
