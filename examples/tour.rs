//! A tour of the whole framework: prints every foundation with its heading,
//! summary and reflection questions, then the behaviours, the infrastructure,
//! the roles, the forms and sources of power, the misconceptions and the
//! collaboration spectrum (the Markdown `Display` of [`Catalogue`], which
//! `collaboration tour` prints too).
//!
//! Run it with `cargo run --example tour`.

use collaboration::Catalogue;

fn main() {
    print!("{}", Catalogue::new());
}
