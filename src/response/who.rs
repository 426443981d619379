//! What a group report needs to know of a respondent besides the answers:
//! the roles they play, their organisation, and whether they hold
//! structural power. Both parsers produce it.

use std::borrow::Cow;

use super::model::Respondent;
use super::partners::{NO_PARTNERS, Partners};
use super::rules;
use crate::framework::Role;

/// The roles a respondent plays, as a set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct RoleSet(u8);

impl RoleSet {
    pub(crate) fn insert(&mut self, role: Role) {
        self.0 |= 1 << (role as u8);
    }

    pub(crate) fn iter(self) -> impl Iterator<Item = Role> {
        Role::iter().filter(move |&r| self.0 & (1 << (r as u8)) != 0)
    }

    /// Whether `role` is in the set.
    pub(crate) fn contains(self, role: Role) -> bool {
        self.0 & (1 << (role as u8)) != 0
    }

    /// Whether no role is in the set.
    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// What the report needs to know of a respondent besides the answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Parts<'a> {
    pub(crate) roles: RoleSet,
    /// The organisation, trimmed; `None` when absent or blank.
    pub(crate) organisation: Option<Cow<'a, str>>,
    pub(crate) holds_power: bool,
    /// The partner ratings, keyed by canonical name.
    pub(crate) partners: &'a Partners,
}

impl<'a> Parts<'a> {
    pub(crate) fn of(respondent: &'a Respondent) -> Self {
        let mut roles = RoleSet::default();
        for &role in &respondent.roles {
            roles.insert(role);
        }
        Self {
            roles,
            organisation: organisation(respondent.organisation.as_deref()),
            holds_power: respondent.holds_structural_power(),
            partners: &NO_PARTNERS,
        }
    }

    /// The same, with partner ratings (checked, keyed by canonical name).
    pub(crate) fn with_partners(mut self, partners: &'a Partners) -> Self {
        self.partners = partners;
        self
    }
}

/// An organisation as segments see it: trimmed and in NFC
/// ([`rules::canonical`]), and `None` when blank.
pub(crate) fn organisation(org: Option<&str>) -> Option<Cow<'_, str>> {
    org.map(rules::canonical).filter(|o| !o.is_empty())
}
