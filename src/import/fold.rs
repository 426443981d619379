//! How headers and labels are compared: the same text however a form tool
//! or a person typed it (docs/import.md#matching).

use crate::response::rules::is_invisible;

/// `text` as it is compared: without invisible format characters, trimmed,
/// its runs of white space made one space, curly quotes and dashes made
/// plain, and in lower case. "Do you ’share’  an
/// understanding?" and "do you 'share' an understanding?" fold alike.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => out.push('"'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The letters a spreadsheet shows for column `n` (from 1): `A`, `Z`,
/// `AA`; the empty string for 0.
///
/// ```
/// assert_eq!(collaboration::import::column_letters(28), "AB");
/// ```
pub fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        // rem < 26: always an ASCII capital.
        out.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_space_quotes_and_dashes() {
        assert_eq!(
            fold("  Do you \u{2019}share\u{2019}\u{a0}\u{a0}an\tunderstanding? "),
            "do you 'share' an understanding?"
        );
        assert_eq!(fold("\u{feff}Respondent ID"), "respondent id");
        assert_eq!(fold("Q1 \u{2013} Trust"), "q1 - trust");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn letters_as_spreadsheets_number_columns() {
        // Excel's own numbering: 1 = A, 26 = Z, 27 = AA, 52 = AZ, 703 = AAA.
        assert_eq!(letters(1), "A");
        assert_eq!(letters(26), "Z");
        assert_eq!(letters(27), "AA");
        assert_eq!(letters(52), "AZ");
        assert_eq!(letters(703), "AAA");
    }
}
