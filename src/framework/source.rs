//! The two sources the framework is drawn from, and the Guide's words that
//! the crate quotes.

/// The citation of the Guide, the source of the six foundations, the
/// reflection questions, the behaviours, the infrastructure and the roles.
pub const GUIDE: &str = "Collaborate CIC, A Guide to Collaboration: what it is, why it matters and what it takes to make it work (2023)";

/// The citation of the Article, the source of the misconceptions and the forms
/// of power.
pub const ARTICLE: &str = "Collaborate CIC, on common misconceptions about collaboration (article)";

/// The Guide's definition of collaboration, verbatim.
///
/// ```
/// assert!(collaboration::framework::DEFINITION.starts_with("Collaboration is what happens"));
/// ```
pub const DEFINITION: &str = "Collaboration is what happens when people, teams, or organisations create value by working together towards shared goals.";

/// The core belief of a collaborative mindset, quoted from the Guide's first
/// foundation.
pub const CORE_BELIEF: &str = "we, and the challenges we face, are all connected; we are interdependent with each other and our environment.";
