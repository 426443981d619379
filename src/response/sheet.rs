//! A response's answers laid out by item position, ready to score.

use crate::instrument::ItemInfo;

/// Answers laid out by item position: [`Sheet::MISSING`], [`Sheet::NA`], or a
/// value on the item's scale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Sheet(Box<[u8]>);

impl Sheet {
    pub(crate) const MISSING: u8 = 0;
    pub(crate) const NA: u8 = u8::MAX;

    pub(crate) fn new(items: usize) -> Self {
        Self(vec![Self::MISSING; items].into_boxed_slice())
    }

    /// Marks every item unanswered.
    pub(crate) fn clear(&mut self) {
        self.0.fill(Self::MISSING);
    }

    /// Records `code` for the item at `position`; false when it already has
    /// an answer (or there is no such position).
    pub(crate) fn set(&mut self, position: usize, code: u8) -> bool {
        match self.0.get_mut(position) {
            Some(slot) if *slot == Self::MISSING => {
                *slot = code;
                true
            }
            _ => false,
        }
    }

    /// Each item's info with the value answered, `None` when missing or n/a.
    pub(crate) fn values<'a>(
        &'a self,
        info: &'a [ItemInfo],
    ) -> impl Iterator<Item = (&'a ItemInfo, Option<u8>)> + Clone {
        info.iter().zip(self.0.iter().map(|&v| (v != Self::MISSING && v != Self::NA).then_some(v)))
    }

    /// The value answered at item `position`, `None` when missing or n/a.
    pub(crate) fn value(&self, position: usize) -> Option<u8> {
        self.0.get(position).copied().filter(|&v| v != Self::MISSING && v != Self::NA)
    }

    /// The raw codes, by item position.
    pub(crate) fn codes(&self) -> &[u8] {
        &self.0
    }
}
