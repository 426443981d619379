//! What the framework is: the content model.
//!
//! Everything here is static data drawn from two sources, which the docs of
//! each item name:
//!
//! - *the Guide*: Collaborate CIC, [*A Guide to Collaboration*](GUIDE) (2023);
//! - *the Article*: Collaborate CIC's [article on common misconceptions about
//!   collaboration](ARTICLE).
//!
//! The Guide's eighteen reflection questions and its definition of
//! collaboration are quoted verbatim. Every other text (summaries,
//! descriptions, the "reality" behind each misconception) is this crate's own
//! concise wording, faithful to the source it names.

mod behaviour;
mod catalogue;
mod foundation;
mod infrastructure;
mod misconception;
mod power;
mod question;
mod role;
mod spectrum;

pub use behaviour::CollaborativeBehaviour;
pub use catalogue::{
    Catalogue, Described, FoundationEntry, LevelEntry, MisconceptionEntry, PowerFormEntry, PowerSourceEntry,
};
pub use foundation::Foundation;
pub use infrastructure::InfrastructureElement;
pub use misconception::Misconception;
pub use power::{PowerForm, PowerSource};
pub use question::{QuestionId, ReflectionQuestion};
pub use role::Role;
pub use spectrum::CollaborationLevel;

/// The citation of the Guide, the source of the six foundations, the
/// reflection questions, the behaviours, the infrastructure and the roles.
pub const GUIDE: &str = "Collaborate CIC, A Guide to Collaboration: what it is, why it matters and what it takes to make it work (2023)";

/// The citation of the Article, the source of the misconceptions and the forms
/// of power.
pub const ARTICLE: &str = "Collaborate CIC, on common misconceptions about collaboration (article)";

/// The Guide's definition of collaboration, verbatim.
///
/// ```
/// assert!(collaboration::DEFINITION.starts_with("Collaboration is what happens"));
/// ```
pub const DEFINITION: &str = "Collaboration is what happens when people, teams, or organisations create value by working together towards shared goals.";

/// The core belief of a collaborative mindset, quoted from the Guide's first
/// foundation.
pub const CORE_BELIEF: &str = "we, and the challenges we face, are all connected; we are interdependent with each other and our environment.";

/// Defines a closed set of identifiers: a field-less enum with the full set of
/// derives, kebab-case ids shared by serde, strum and schemars, and the shared
/// inherent API (`COUNT`, `ALL`, `iter`, `id`, `parse`).
///
/// The second token after the enum's name is what the set is called in error
/// messages, e.g. `"foundation"`.
macro_rules! closed_set {
    (
        $(#[$meta:meta])*
        pub enum $ty:ident as $kind:literal {
            $( $(#[$vmeta:meta])* $variant:ident, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone,
            Copy,
            Debug,
            PartialEq,
            Eq,
            PartialOrd,
            Ord,
            Hash,
            ::serde::Serialize,
            ::serde::Deserialize,
            ::schemars::JsonSchema,
            ::strum::Display,
            ::strum::EnumString,
            ::strum::EnumIter,
            ::strum::EnumCount,
            ::strum::IntoStaticStr,
            ::strum::VariantNames,
            ::strum::VariantArray,
        )]
        #[serde(rename_all = "kebab-case")]
        #[strum(
            serialize_all = "kebab-case",
            parse_err_ty = crate::ParseIdError,
            parse_err_fn = Self::unknown
        )]
        pub enum $ty {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $ty {
            /// How many values the set has.
            pub const COUNT: usize = <Self as ::strum::EnumCount>::COUNT;

            /// Every value of the set, in its canonical order.
            pub const ALL: &'static [Self] = <Self as ::strum::VariantArray>::VARIANTS;

            /// Every value of the set, in its canonical order.
            pub fn iter() -> impl DoubleEndedIterator<Item = Self> + ExactSizeIterator + Clone {
                <Self as ::strum::IntoEnumIterator>::iter()
            }

            /// The stable identifier: the same string in JSON, in `Display`
            /// and `FromStr`, and in the JSON Schema.
            pub fn id(self) -> &'static str {
                self.into()
            }

            #[doc = concat!("Parses a ", $kind, " from its identifier (`FromStr` and `TryFrom<&str>` do the same).")]
            ///
            /// # Errors
            ///
            /// [`ParseIdError`](crate::ParseIdError) naming the identifier when
            /// it is not one of the set's identifiers. Identifiers are
            /// case-sensitive: `Shared-Learning` is not `shared-learning`.
            pub fn parse(id: &str) -> Result<Self, crate::ParseIdError> {
                id.parse()
            }

            fn unknown(id: &str) -> crate::ParseIdError {
                crate::ParseIdError::new($kind, id, <Self as ::strum::VariantNames>::VARIANTS)
            }
        }
    };
}
pub(crate) use closed_set;
