//! What each column of a table gives, decided once from its header rows
//! (docs/import.md#matching).

use std::collections::HashMap;

use super::error::{ImportError, ImportWarning, MappingError};
use super::fold::fold;
use super::mapping::Mapping;
use crate::framework::{PowerSource, Role};
use crate::instrument::Instrument;
use crate::response::{Answer, Sheet};

/// What a column of a table gives.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ColumnUse {
    /// The answers to an item.
    Item(String),
    /// The respondent id.
    RespondentId,
    /// The respondent's organisation.
    Organisation,
    /// The respondent's roles.
    Roles,
    /// The respondent's sources of power.
    PowerSources,
    /// One option of a roles question given a column of its own (as
    /// SurveyMonkey exports one): a cell that is not empty means the role.
    HasRole(Role),
    /// One option of a power sources question given a column of its own: a
    /// cell that is not empty means the source.
    HoldsPower(PowerSource),
    /// Left unread, as the mapping file says.
    Ignored,
    /// Left unread: it matches nothing, or gives what another column gives
    /// (a warning says which).
    NotRead,
}

/// One column of a table and what it gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// Its position, from 1 (`A` is 1).
    pub index: usize,
    /// Its header: the header row's text that matched, or every header row's
    /// text when none did.
    pub header: String,
    /// What it gives.
    pub reads: ColumnUse,
}

/// The respondent fields, in the order of [`FIELDS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    Id,
    Organisation,
    Roles,
    PowerSources,
}

impl Field {
    const ALL: [Self; 4] = [Self::Id, Self::Organisation, Self::Roles, Self::PowerSources];

    /// The words a warning uses.
    pub(crate) const fn words(self) -> &'static str {
        match self {
            Self::Id => "respondent id",
            Self::Organisation => "organisation",
            Self::Roles => "roles",
            Self::PowerSources => "power sources",
        }
    }

    /// The headers that give the field, folded, best first.
    const fn names(self) -> &'static [&'static str] {
        match self {
            Self::Id => {
                &["respondent", "respondent id", "id", "email", "email address", "responseid", "response id"]
            }
            Self::Organisation => &["organisation", "organization"],
            Self::Roles => &["role", "roles"],
            Self::PowerSources => &["power sources"],
        }
    }

    fn use_(self) -> ColumnUse {
        match self {
            Self::Id => ColumnUse::RespondentId,
            Self::Organisation => ColumnUse::Organisation,
            Self::Roles => ColumnUse::Roles,
            Self::PowerSources => ColumnUse::PowerSources,
        }
    }

    fn mapped(self, mapping: &Mapping) -> Option<&str> {
        let r = &mapping.respondent;
        match self {
            Self::Id => r.id.as_deref(),
            Self::Organisation => r.organisation.as_deref(),
            Self::Roles => r.roles.as_deref(),
            Self::PowerSources => r.power_sources.as_deref(),
        }
    }
}

/// What a cell's text means on one scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A point, as given (checked against the scale per cell).
    Value(u8),
    /// Not applicable.
    NotApplicable,
    /// Not answered.
    Unanswered,
}

impl From<Option<Answer>> for Target {
    fn from(answer: Option<Answer>) -> Self {
        match answer {
            Some(Answer::Value(v)) => Self::Value(v),
            Some(Answer::NotApplicable) => Self::NotApplicable,
            None => Self::Unanswered,
        }
    }
}

/// How the cells of one scale are read.
#[derive(Clone, Debug)]
pub(crate) struct ScaleReader {
    pub(crate) id: String,
    pub(crate) points: u8,
    pub(crate) not_applicable: bool,
    pub(crate) labels: Vec<String>,
    /// Cell text exactly as written (trimmed) to its meaning: the mapping
    /// file's labels and the scale's own, for the common case at no cost
    /// (a few, so a scan beats a hash).
    exact: Vec<(String, Target)>,
    /// Whether the mapping file gives a meaning to some whole number, which
    /// is then looked up before the number is read as a point.
    numbers_mapped: bool,
    /// The same, folded.
    folded: HashMap<String, Target>,
}

/// What a cell on a scale holds.
pub(crate) enum Read {
    Answer(u8),
    Unanswered,
    OutOfScale,
    NotApplicableForbidden,
    Unknown,
}

impl ScaleReader {
    fn new(scale: &crate::instrument::Scale, mapping: &Mapping) -> Self {
        let mut exact: Vec<(String, Target)> = Vec::new();
        let mut folded = HashMap::new();
        let mut numbers_mapped = false;
        let mut put = |text: &str, target: Target| {
            let text = text.trim();
            if !exact.iter().any(|(t, _)| t == text) {
                exact.push((text.to_owned(), target));
            }
            folded.entry(fold(text)).or_insert(target);
        };
        let mapped = mapping.scales.get(&scale.id).into_iter().flatten().chain(&mapping.labels);
        for (text, answer) in mapped {
            numbers_mapped |= integer(text.trim().as_bytes()).is_some();
            put(text, (*answer).into());
        }
        for (value, label) in (1..=scale.points).zip(&scale.labels) {
            put(label, Target::Value(value));
        }
        for text in ["n/a", "not applicable"] {
            put(text, Target::NotApplicable);
        }
        Self {
            id: scale.id.clone(),
            points: scale.points,
            not_applicable: scale.not_applicable,
            labels: scale.labels.clone(),
            exact,
            numbers_mapped,
            folded,
        }
    }

    /// What `text` (trimmed, not empty) means on this scale.
    /// What a cell (trimmed of ASCII white space, not empty) means on this
    /// scale: a point or a label as written is found without decoding the
    /// bytes; anything else is decoded and folded.
    pub(crate) fn read(&self, cell: &[u8]) -> Read {
        if !self.numbers_mapped
            && let Some(n) = integer(cell)
        {
            return self.value(n);
        }
        let exact = self.exact.iter().find(|(t, _)| t.as_bytes() == cell).map(|(_, target)| *target);
        let target = match exact {
            Some(target) => target,
            None => match integer(cell) {
                Some(n) => return self.value(n),
                None => match std::str::from_utf8(cell).ok().and_then(|text| self.folded.get(&fold(text))) {
                    Some(target) => *target,
                    None => return Read::Unknown,
                },
            },
        };
        match target {
            Target::Value(v) => self.value(i64::from(v)),
            Target::NotApplicable if self.not_applicable => Read::Answer(Sheet::NA),
            Target::NotApplicable => Read::NotApplicableForbidden,
            Target::Unanswered => Read::Unanswered,
        }
    }

    fn value(&self, n: i64) -> Read {
        match u8::try_from(n) {
            Ok(v) if (1..=self.points).contains(&v) => Read::Answer(v),
            _ => Read::OutOfScale,
        }
    }
}

/// `text` as a whole number, when it is one: digits, with an optional
/// minus sign (saturating far outside any scale).
fn integer(text: &[u8]) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix(b"-") {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let magnitude =
        digits.iter().fold(0_i64, |n, b| n.saturating_mul(10).saturating_add(i64::from(b - b'0')));
    Some(if negative { -magnitude } else { magnitude })
}

/// What the columns give: decided once, used for every row.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    pub(crate) columns: Vec<Column>,
    /// The item columns: (column from 0, item position, scale reader).
    pub(crate) items: Vec<(usize, usize, usize)>,
    pub(crate) scales: Vec<ScaleReader>,
    /// The column (from 0) of each respondent field, by [`Field`] order.
    pub(crate) fields: [Option<usize>; 4],
    /// The columns (from 0) of single options of the roles and power
    /// sources questions.
    pub(crate) options: Vec<(usize, ColumnUse)>,
    pub(crate) warnings: Vec<ImportWarning>,
}

impl Plan {
    pub(crate) fn field(&self, field: Field) -> Option<usize> {
        self.fields.get(field as usize).copied().flatten()
    }
}

/// A column's matches, before conflicts are settled.
enum Found {
    Item { position: usize, row: usize, text: String },
    Field { field: Field, rank: usize, text: String },
    Ignored { text: String },
    Option { reads: ColumnUse, text: String },
    Nothing,
}

/// The role a text names, by id or name, folded.
pub(crate) fn role(folded: &str) -> Option<Role> {
    Role::ALL.iter().copied().find(|r| fold(r.id()) == folded || fold(r.name()) == folded)
}

/// The power source a text names, by id or name, folded.
pub(crate) fn power_source(folded: &str) -> Option<PowerSource> {
    PowerSource::ALL.iter().copied().find(|s| fold(s.id()) == folded || fold(s.name()) == folded)
}

/// The role a cell's part names: by id or name as written, else folded.
pub(crate) fn role_in(part: &str) -> Option<Role> {
    Role::ALL.iter().copied().find(|r| r.id() == part || r.name() == part).or_else(|| role(&fold(part)))
}

/// The power source a cell's part names: by id or name as written, else
/// folded.
pub(crate) fn power_source_in(part: &str) -> Option<PowerSource> {
    PowerSource::ALL
        .iter()
        .copied()
        .find(|s| s.id() == part || s.name() == part)
        .or_else(|| power_source(&fold(part)))
}

/// The items by folded prompt and id; a prompt two items share matches
/// neither.
fn item_index(instrument: &Instrument) -> HashMap<String, usize> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut shared = Vec::new();
    for (position, item) in instrument.items().iter().enumerate() {
        let prompt = fold(&item.prompt);
        if index.insert(prompt.clone(), position).is_some_and(|other| other != position) {
            shared.push(prompt);
        }
    }
    for prompt in shared {
        index.remove(&prompt);
    }
    // Ids last: an id always names its own item.
    for (position, item) in instrument.items().iter().enumerate() {
        index.insert(fold(&item.id), position);
    }
    index
}

/// The item a header names: its prompt or id, a Google Forms grid
/// `Title [prompt]`, or a Qualtrics `Title - prompt`.
fn match_item(index: &HashMap<String, usize>, folded: &str) -> Option<usize> {
    if let Some(&position) = index.get(folded) {
        return Some(position);
    }
    if let Some(inner) = folded.strip_suffix(']')
        && let Some(open) = inner.rfind('[')
        && let Some(&position) = inner.get(open + 1..).and_then(|p| index.get(p.trim()))
    {
        return Some(position);
    }
    folded
        .match_indices(" - ")
        .find_map(|(at, sep)| folded.get(at + sep.len()..).and_then(|s| index.get(s)).copied())
}

/// Decides what each column gives. `headers` are the header rows, top
/// first, with their row numbers; `order` is the order their texts are
/// tried in (indexes into `headers`).
/// With `spans`, the top header row's text stands over the columns to its
/// right until the next (SurveyMonkey's question over its options).
pub(crate) fn plan(
    instrument: &Instrument,
    mapping: &Mapping,
    headers: &[(usize, Vec<String>)],
    order: &[usize],
    spans: bool,
) -> Result<Plan, ImportError> {
    let width = headers.iter().map(|(_, cells)| cells.len()).max().unwrap_or(0);
    // The question over each column, where the top row spans.
    let mut over: Vec<String> = Vec::with_capacity(width);
    if spans && let Some((_, top)) = headers.first() {
        let mut current = String::new();
        for column in 0..width {
            if let Some(text) = top.get(column).filter(|t| !t.trim().is_empty()) {
                current = fold(text);
            }
            over.push(current.clone());
        }
    }
    let index = item_index(instrument);
    let mapped_columns: HashMap<String, (&str, Option<&str>)> =
        mapping.columns.iter().map(|(h, item)| (fold(h), (h.as_str(), item.as_deref()))).collect();
    for (header, item) in mapped_columns.values() {
        if let Some(item) = item
            && instrument.item(item).is_none()
        {
            return Err(ImportError::Mapping(MappingError::UnknownItem {
                header: (*header).to_owned(),
                item: (*item).to_owned(),
                instrument: instrument.id().to_owned(),
            }));
        }
    }
    for scale in mapping.scales.keys() {
        if instrument.scale(scale).is_none() {
            return Err(ImportError::Mapping(MappingError::UnknownScale {
                scale: scale.clone(),
                instrument: instrument.id().to_owned(),
            }));
        }
    }
    for (scale_id, labels) in &mapping.scales {
        let Some(scale) = instrument.scale(scale_id) else { continue };
        for (label, answer) in labels {
            let fits = match answer {
                Some(Answer::Value(v)) => (1..=scale.points).contains(v),
                Some(Answer::NotApplicable) => scale.not_applicable,
                None => true,
            };
            if !fits {
                return Err(ImportError::Mapping(MappingError::LabelOffScale {
                    scale: scale_id.clone(),
                    label: label.clone(),
                    answer: answer.map_or_else(|| "null".to_owned(), |a| a.to_string()),
                }));
            }
        }
    }
    let mapped_fields: Vec<(Field, String)> =
        Field::ALL.iter().filter_map(|&f| f.mapped(mapping).map(|h| (f, fold(h)))).collect();
    let mut used_mapping = vec![false; mapped_columns.len()];
    let mapped_keys: Vec<&String> = mapped_columns.keys().collect();
    let mut used_fields = [false; 4];

    let mut found = Vec::with_capacity(width);
    for column in 0..width {
        let texts: Vec<(usize, &str)> = order
            .iter()
            .filter_map(|&h| headers.get(h))
            .filter_map(|(row, cells)| cells.get(column).map(|t| (*row, t.as_str())))
            .filter(|(_, t)| !t.trim().is_empty())
            .collect();
        let mut decided = Found::Nothing;
        let question = over.get(column).map(String::as_str).unwrap_or_default();
        let asks = |field: Field| {
            let mapped = field.mapped(mapping).map(fold);
            mapped.as_deref().map_or_else(|| field.names().contains(&question), |m| m == question)
        };
        'texts: for &(row, text) in &texts {
            let folded = fold(text);
            if !question.is_empty() && row > 1 {
                if asks(Field::Roles)
                    && let Some(r) = role(&folded)
                {
                    decided = Found::Option { reads: ColumnUse::HasRole(r), text: text.to_owned() };
                    break 'texts;
                }
                if asks(Field::PowerSources)
                    && let Some(s) = power_source(&folded)
                {
                    decided = Found::Option { reads: ColumnUse::HoldsPower(s), text: text.to_owned() };
                    break 'texts;
                }
            }
            if let Some((_, item)) = mapped_columns.get(&folded) {
                if let Some(k) = mapped_keys.iter().position(|k| **k == folded)
                    && let Some(slot) = used_mapping.get_mut(k)
                {
                    *slot = true;
                }
                decided = match item.and_then(|id| instrument.items().iter().position(|i| i.id == id)) {
                    Some(position) => Found::Item { position, row, text: text.to_owned() },
                    None => Found::Ignored { text: text.to_owned() },
                };
                break 'texts;
            }
            for (field, header) in &mapped_fields {
                if *header == folded {
                    if let Some(slot) = used_fields.get_mut(*field as usize) {
                        *slot = true;
                    }
                    decided = Found::Field { field: *field, rank: 0, text: text.to_owned() };
                    break 'texts;
                }
            }
            for field in Field::ALL {
                if field.mapped(mapping).is_some() {
                    continue;
                }
                if let Some(rank) = field.names().iter().position(|n| *n == folded) {
                    decided = Found::Field { field, rank, text: text.to_owned() };
                    break 'texts;
                }
            }
            if let Some(position) = match_item(&index, &folded) {
                decided = Found::Item { position, row, text: text.to_owned() };
                break 'texts;
            }
        }
        if matches!(decided, Found::Nothing) {
            let mut all: Vec<&str> = Vec::new();
            for (_, text) in &texts {
                if !all.iter().any(|t| fold(t) == fold(text)) {
                    all.push(text.trim());
                }
            }
            found.push((Found::Nothing, all.join(" / ")));
        } else {
            found.push((decided, String::new()));
        }
    }

    // The mapping file's headers must all be in the table.
    for (k, used) in used_mapping.iter().enumerate() {
        if !used && let Some((header, item)) = mapped_keys.get(k).and_then(|key| mapped_columns.get(*key)) {
            return Err(ImportError::Mapping(MappingError::NoSuchColumn {
                header: (*header).to_owned(),
                what: item.map_or_else(|| "a column to leave unread".to_owned(), |i| format!("item {i}")),
            }));
        }
    }
    for field in Field::ALL {
        if let Some(header) = field.mapped(mapping)
            && !used_fields.get(field as usize).copied().unwrap_or(false)
        {
            return Err(ImportError::Mapping(MappingError::NoSuchColumn {
                header: header.to_owned(),
                what: format!("the {}", field.words()),
            }));
        }
    }

    // Each field from its best column; the others are not read.
    let mut fields: [Option<(usize, usize)>; 4] = [None; 4];
    for (column, (f, _)) in found.iter().enumerate() {
        if let Found::Field { field, rank, .. } = f
            && let Some(slot) = fields.get_mut(*field as usize)
            && slot.is_none_or(|(_, best)| *rank < best)
        {
            *slot = Some((column, *rank));
        }
    }
    let text_of = |f: &Found, all: &str| -> String {
        match f {
            Found::Item { text, .. }
            | Found::Field { text, .. }
            | Found::Ignored { text }
            | Found::Option { text, .. } => text.trim().to_owned(),
            Found::Nothing => all.to_owned(),
        }
    };

    let mut columns = Vec::with_capacity(width);
    let mut items: Vec<(usize, usize, usize)> = Vec::new();
    let mut scales: Vec<ScaleReader> = Vec::new();
    let mut scale_of: HashMap<String, usize> = HashMap::new();
    let mut first_of: HashMap<usize, (usize, usize)> = HashMap::new();
    let mut warnings = Vec::new();
    let mut options = Vec::new();
    for (column, (f, all)) in found.iter().enumerate() {
        let header = text_of(f, all);
        let reads = match f {
            Found::Item { position, row, .. } => {
                if let Some(&(first, _)) = first_of.get(position) {
                    let first_header =
                        columns.get(first).map(|c: &Column| c.header.clone()).unwrap_or_default();
                    return Err(ImportError::SameItem {
                        item: instrument.items().get(*position).map(|i| i.id.clone()).unwrap_or_default(),
                        row: *row,
                        first: first + 1,
                        first_header,
                        second: column + 1,
                        second_header: header,
                    });
                }
                first_of.insert(*position, (column, *row));
                let item = instrument.items().get(*position);
                let scale_id = item.map(|i| i.scale.clone()).unwrap_or_default();
                let reader = if let Some(&r) = scale_of.get(&scale_id) {
                    r
                } else {
                    let Some(scale) = instrument.scale(&scale_id) else { continue };
                    scales.push(ScaleReader::new(scale, mapping));
                    scale_of.insert(scale_id, scales.len() - 1);
                    scales.len() - 1
                };
                items.push((column, *position, reader));
                ColumnUse::Item(item.map(|i| i.id.clone()).unwrap_or_default())
            }
            Found::Field { field, .. } => match fields.get(*field as usize).copied().flatten() {
                Some((best, _)) if best == column => field.use_(),
                Some((best, _)) => {
                    let used_header = found.get(best).map(|(f, all)| text_of(f, all)).unwrap_or_default();
                    warnings.push(ImportWarning::Unused {
                        column: column + 1,
                        header: header.clone(),
                        field: field.words(),
                        used: best + 1,
                        used_header,
                    });
                    ColumnUse::NotRead
                }
                None => ColumnUse::NotRead,
            },
            Found::Ignored { .. } => ColumnUse::Ignored,
            Found::Option { reads, .. } => {
                options.push((column, reads.clone()));
                reads.clone()
            }
            Found::Nothing => {
                warnings.push(ImportWarning::Unmatched { column: column + 1, header: header.clone() });
                ColumnUse::NotRead
            }
        };
        columns.push(Column { index: column + 1, header, reads });
    }
    if items.is_empty() {
        return Err(ImportError::NoItems {
            instrument: instrument.id().to_owned(),
            headers: columns.iter().map(|c| c.header.clone()).filter(|h| !h.is_empty()).collect(),
        });
    }
    Ok(Plan {
        columns,
        items,
        scales,
        fields: fields.map(|f| f.map(|(column, _)| column)),
        options,
        warnings,
    })
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn integers_as_spreadsheets_write_them() {
        assert_eq!(integer(b"4"), Some(4));
        assert_eq!(integer(b"-99"), Some(-99));
        assert_eq!(integer(b"04"), Some(4));
        assert_eq!(integer(b"4.0"), None);
        assert_eq!(integer(b"-"), None);
        assert_eq!(integer(b""), None);
        assert_eq!(integer(b"99999999999999999999999"), Some(i64::MAX));
    }

    #[test]
    fn grid_and_matrix_headers_name_their_item() {
        let hc = Instrument::builtin();
        let index = item_index(hc);
        let prompt = fold(&hc.items()[3].prompt);
        assert_eq!(match_item(&index, &prompt), Some(3));
        assert_eq!(match_item(&index, &format!("trust [{prompt}]")), Some(3));
        assert_eq!(match_item(&index, &format!("q2 - trust - {prompt}")), Some(3));
        assert_eq!(
            match_item(&index, "shared-learning.2"),
            hc.items().iter().position(|i| i.id == "shared-learning.2")
        );
        assert_eq!(match_item(&index, "timestamp"), None);
    }
}
