//! The checks that turn an [`InstrumentDef`] into an [`Instrument`].

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use serde::Deserialize;

use super::error::InstrumentError;
use super::model::{
    Group, Instrument, InstrumentDef, ItemInfo, Keying, MAX_POINTS, MIN_POINTS, Measure, PartnerSection,
    Scale, SpectrumQuestion, is_singular,
};
use crate::framework::{CollaborationLevel, Foundation, PowerForm};
use crate::limits::{MAX_ID_CHARS, MAX_ITEMS, MAX_PARTNERS, MAX_SCALES, MAX_TEXT_CHARS};

/// Whether `id` is lowercase kebab-case: segments of `a-z` and `0-9` joined by
/// single hyphens, and, when `dots` is true, several such segments joined by
/// single dots.
pub(super) fn is_well_formed_id(id: &str, dots: bool) -> bool {
    let is_word = |w: &str| {
        !w.is_empty()
            && w.split('-').all(|part| {
                !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
    };
    if dots { id.split('.').all(is_word) } else { is_word(id) }
}

/// Checks that a text says something and is not too long.
fn non_empty(text: &str, what: &'static str, owner: impl Fn() -> String) -> Result<(), InstrumentError> {
    if text.trim().is_empty() {
        return Err(InstrumentError::EmptyText { what, owner: owner() });
    }
    within(text, what, MAX_TEXT_CHARS, owner)
}

fn within(
    text: &str,
    what: &'static str,
    limit: usize,
    owner: impl Fn() -> String,
) -> Result<(), InstrumentError> {
    match crate::limits::over(text, limit) {
        Some(length) => Err(InstrumentError::TooLong { what, owner: owner(), length, limit }),
        None => Ok(()),
    }
}

pub(super) fn check(def: InstrumentDef) -> Result<Instrument, InstrumentError> {
    for (what, count, limit) in
        [("items", def.items.len(), MAX_ITEMS), ("scales", def.scales.len(), MAX_SCALES)]
    {
        if count > limit {
            return Err(InstrumentError::TooMany { what, count, limit });
        }
    }
    within(&def.id, "id", MAX_ID_CHARS, || "the instrument".to_owned())?;
    within(&def.version, "version", MAX_ID_CHARS, || format!("instrument `{}`", def.id))?;
    within(&def.source, "source", MAX_TEXT_CHARS, || format!("instrument `{}`", def.id))?;
    if !is_well_formed_id(&def.id, false) {
        return Err(InstrumentError::MalformedId { what: "instrument", id: def.id });
    }
    non_empty(&def.version, "version", || format!("instrument `{}`", def.id))?;
    non_empty(&def.title, "title", || format!("instrument `{}`", def.id))?;
    let scales = check_scales(&def.scales)?;
    let (index, info) = check_items(&def, &scales)?;
    let foundations = check_foundations(&def)?;
    let foundation_items =
        foundations.iter().map(|&f| Group::new(&info, |i| i.measures == Measure::Foundation(f))).collect();
    let power_items = Group::new(&info, |i| matches!(i.measures, Measure::Power(_)));
    let spectrum = |q| info.iter().position(|i| i.measures == Measure::Spectrum(q));
    let spectrum_items = [spectrum(SpectrumQuestion::Current), spectrum(SpectrumQuestion::Needed)];
    if let Some(section) = &def.partners {
        check_partners(section)?;
    }
    let digest = super::model::digest(&def);
    Ok(Instrument { def, foundations, index, info, foundation_items, power_items, spectrum_items, digest })
}

/// Checks each scale; returns scale id to scale.
fn check_scales(scales: &[Scale]) -> Result<HashMap<&str, &Scale>, InstrumentError> {
    let mut by_id = HashMap::with_capacity(scales.len());
    for scale in scales {
        within(&scale.id, "id", MAX_ID_CHARS, || "a scale".to_owned())?;
        if !is_well_formed_id(&scale.id, false) {
            return Err(InstrumentError::MalformedId { what: "scale", id: scale.id.clone() });
        }
        if !(MIN_POINTS..=MAX_POINTS).contains(&scale.points) {
            return Err(InstrumentError::PointsOutOfRange { scale: scale.id.clone(), points: scale.points });
        }
        if scale.labels.len() != usize::from(scale.points) {
            return Err(InstrumentError::LabelCount {
                scale: scale.id.clone(),
                points: scale.points,
                labels: scale.labels.len(),
            });
        }
        for label in &scale.labels {
            non_empty(label, "a label", || format!("scale `{}`", scale.id))?;
        }
        if by_id.insert(scale.id.as_str(), scale).is_some() {
            return Err(InstrumentError::DuplicateScale { scale: scale.id.clone() });
        }
    }
    Ok(by_id)
}

/// Checks each item; returns item id to position, and each item's info.
fn check_items(
    def: &InstrumentDef,
    scales: &HashMap<&str, &Scale>,
) -> Result<(HashMap<String, usize>, Vec<ItemInfo>), InstrumentError> {
    if def.items.is_empty() {
        return Err(InstrumentError::NoItems);
    }
    let mut index = HashMap::with_capacity(def.items.len());
    let mut info = Vec::with_capacity(def.items.len());
    let mut singular: HashMap<Measure, &str> = HashMap::new();
    for (position, item) in def.items.iter().enumerate() {
        within(&item.id, "id", MAX_ID_CHARS, || format!("item {}", position + 1))?;
        if !is_well_formed_id(&item.id, true) {
            return Err(InstrumentError::MalformedId { what: "item", id: item.id.clone() });
        }
        match index.entry(item.id.clone()) {
            Entry::Occupied(first) => {
                return Err(InstrumentError::DuplicateItem {
                    item: item.id.clone(),
                    first: first.get() + 1,
                    second: position + 1,
                });
            }
            Entry::Vacant(slot) => {
                slot.insert(position);
            }
        }
        non_empty(&item.prompt, "prompt", || format!("item `{}`", item.id))?;
        let Some(scale) = scales.get(item.scale.as_str()) else {
            return Err(InstrumentError::UnknownScale { item: item.id.clone(), scale: item.scale.clone() });
        };
        if matches!(item.measures, Measure::Spectrum(_))
            && usize::from(scale.points) != CollaborationLevel::COUNT
        {
            return Err(InstrumentError::SpectrumScale {
                item: item.id.clone(),
                scale: scale.id.clone(),
                points: scale.points,
            });
        }
        match (item.measures, item.keying) {
            (Measure::Power(PowerForm::PowerOver), Keying::Positive) => {
                return Err(InstrumentError::PowerOverNotReversed { item: item.id.clone() });
            }
            (Measure::Spectrum(_), Keying::Reverse) => {
                return Err(InstrumentError::ReverseSpectrum { item: item.id.clone() });
            }
            _ => {}
        }
        if is_singular(item.measures)
            && let Some(first) = singular.insert(item.measures, &item.id)
        {
            return Err(InstrumentError::DuplicateMeasure {
                first: first.to_owned(),
                second: item.id.clone(),
                measure: item.measures,
            });
        }
        info.push(ItemInfo {
            points: scale.points,
            not_applicable: scale.not_applicable,
            reverse: item.keying == Keying::Reverse,
            measures: item.measures,
        });
    }
    Ok((index, info))
}

/// The partner section: a notice, and readable, distinct expected names.
fn check_partners(section: &PartnerSection) -> Result<(), InstrumentError> {
    non_empty(&section.notice, "notice", || "the partner ratings".to_owned())?;
    if section.expected.len() > MAX_PARTNERS {
        return Err(InstrumentError::TooMany {
            what: "expected partners",
            count: section.expected.len(),
            limit: MAX_PARTNERS,
        });
    }
    let mut seen = std::collections::HashSet::new();
    for name in &section.expected {
        let problem = if name.chars().all(crate::text::is_invisible) {
            Some("it has no visible character".to_owned())
        } else if let Some(c) = name.chars().find(|c| c.is_control()) {
            Some(format!("it contains the control character U+{:04X}", u32::from(c)))
        } else {
            crate::limits::over(name, MAX_ID_CHARS)
                .map(|length| format!("it is {length} characters; the limit is {MAX_ID_CHARS}"))
        };
        if let Some(problem) = problem {
            return Err(InstrumentError::PartnerName { partner: name.clone(), problem });
        }
        if !seen.insert(crate::text::canonical(name)) {
            return Err(InstrumentError::DuplicatePartner { partner: name.clone() });
        }
    }
    Ok(())
}

/// The foundations the instrument measures, in the Guide's order, checked
/// against the declared list when there is one.
fn check_foundations(def: &InstrumentDef) -> Result<Vec<Foundation>, InstrumentError> {
    let measured = |f: Foundation| def.items.iter().any(|item| item.measures == Measure::Foundation(f));
    let Some(declared) = &def.foundations else {
        return Ok(Foundation::iter().filter(|&f| measured(f)).collect());
    };
    for (n, &f) in declared.iter().enumerate() {
        if declared.iter().take(n).any(|&g| g == f) {
            return Err(InstrumentError::DuplicateFoundation { foundation: f });
        }
        if !measured(f) {
            return Err(InstrumentError::FoundationWithoutItems { foundation: f });
        }
    }
    for item in &def.items {
        if let Measure::Foundation(f) = item.measures
            && !declared.contains(&f)
        {
            return Err(InstrumentError::UndeclaredFoundation { item: item.id.clone(), foundation: f });
        }
    }
    Ok(Foundation::iter().filter(|f| declared.contains(f)).collect())
}

impl Instrument {
    /// Checks a definition and makes it an instrument.
    ///
    /// # Errors
    ///
    /// The first problem found, as an [`InstrumentError`] naming the item or
    /// scale, for example:
    /// - an item id that is not well formed (`Shared Learning 1`);
    /// - two items with the id `trust.1`;
    /// - an item on a scale that the instrument does not define;
    /// - a scale of 12 points, or of 5 points with 4 labels;
    /// - a declared foundation that no item measures;
    /// - a spectrum item on a scale without exactly 7 points;
    /// - more than [`MAX_ITEMS`](crate::limits::MAX_ITEMS) items, or an id or text
    ///   over [`MAX_ID_CHARS`](crate::limits::MAX_ID_CHARS) or
    ///   [`MAX_TEXT_CHARS`](crate::limits::MAX_TEXT_CHARS).
    pub fn new(def: InstrumentDef) -> Result<Self, InstrumentError> {
        check(def)
    }

    /// Reads an instrument definition from JSON and checks it.
    ///
    /// ```
    /// use collaboration::Instrument;
    ///
    /// let json = r#"{
    ///   "id": "pulse", "version": "1", "title": "Pulse", "source": "our own",
    ///   "scales": [{"id": "yes-no", "points": 2, "labels": ["No", "Yes"]}],
    ///   "items": [{"id": "trust", "prompt": "Do you trust your partners?",
    ///              "scale": "yes-no", "measures": {"foundation": "healthy-trusting-relationships"}}]
    /// }"#;
    /// let pulse = Instrument::from_json(json)?;
    /// assert_eq!(pulse.foundations().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`InstrumentError::TooLarge`] for a text over
    /// [`MAX_INSTRUMENT_BYTES`](crate::limits::MAX_INSTRUMENT_BYTES) (checked before
    /// parsing), [`InstrumentError::Json`] when the text is not JSON of the
    /// right shape (with its line and column), or any error of
    /// [`Instrument::new`].
    pub fn from_json(json: &str) -> Result<Self, InstrumentError> {
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        if json.len() > crate::limits::MAX_INSTRUMENT_BYTES {
            return Err(InstrumentError::TooLarge {
                bytes: json.len(),
                limit: crate::limits::MAX_INSTRUMENT_BYTES,
            });
        }
        let def: InstrumentDef = serde_json::from_str(json).map_err(|e| InstrumentError::json(&e))?;
        Self::new(def)
    }
}

impl<'de> Deserialize<'de> for Instrument {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::new(<InstrumentDef as Deserialize>::deserialize(deserializer)?)
            .map_err(serde::de::Error::custom)
    }
}

impl TryFrom<InstrumentDef> for Instrument {
    type Error = InstrumentError;

    fn try_from(def: InstrumentDef) -> Result<Self, Self::Error> {
        Self::new(def)
    }
}

impl std::str::FromStr for Instrument {
    type Err = InstrumentError;

    fn from_str(json: &str) -> Result<Self, Self::Err> {
        Self::from_json(json)
    }
}
