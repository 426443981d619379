//! The one macro that defines every closed set of identifiers in the crate.

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
            parse_err_ty = crate::error::ParseIdError,
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
            /// [`ParseIdError`](crate::error::ParseIdError) naming the identifier when
            /// it is not one of the set's identifiers. Identifiers are
            /// case-sensitive: `Shared-Learning` is not `shared-learning`.
            pub fn parse(id: &str) -> Result<Self, crate::error::ParseIdError> {
                id.parse()
            }

            fn unknown(id: &str) -> crate::error::ParseIdError {
                crate::error::ParseIdError::new($kind, id, <Self as ::strum::VariantNames>::VARIANTS)
            }
        }
    };
}
pub(crate) use closed_set;
