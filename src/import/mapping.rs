//! The mapping file: what a person says about a table when the automatic
//! matching does not know it (docs/import.md#the-mapping-file).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::error::ImportError;
use crate::response::Answer;

/// How to read a table, where automatic matching does not know it: which
/// columns give the respondent and the items, what labels mean, and how many
/// rows head the table. Everything is optional; what it gives overrides the
/// automatic matching. Headers are compared as the automatic matching
/// compares them: ignoring case, surrounding and repeated white space, and
/// the form of quotes and dashes.
///
/// ```
/// use collaboration::import::Mapping;
///
/// let mapping = Mapping::from_json(r#"{
///   "header_rows": 1,
///   "respondent": {"id": "Participant", "organisation": "Which organisation are you from?"},
///   "columns": {"Q1": "collaborative-mindset.1", "Timestamp": null},
///   "labels": {"Sometimes": 3, "Don't know": "n/a", "-99": null}
/// }"#)?;
/// assert_eq!(mapping.columns["Q1"].as_deref(), Some("collaborative-mindset.1"));
/// assert!(Mapping::from_json(r#"{"colums": {}}"#).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "ImportMapping",
    description = "How to read a spreadsheet of answers: which columns give the respondent and the items, what labels mean, and how many rows head the table. Everything is optional and overrides the automatic matching."
)]
pub struct Mapping {
    /// How many rows at the top are headers (1 to 10). When absent:
    /// Qualtrics' three and SurveyMonkey's two are recognised, else one.
    /// Every header row's text is matched, the lowest first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 10))]
    pub header_rows: Option<usize>,
    /// Which columns give the respondent.
    #[serde(default, skip_serializing_if = "RespondentColumns::is_empty")]
    pub respondent: RespondentColumns,
    /// Header to item id; `null` for a column to leave unread without a
    /// warning.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, Option<String>>,
    /// Cell text to answer, for every item: a point, `"n/a"`, or `null` for
    /// "not answered".
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, Option<Answer>>,
    /// Scale id to cell text to answer, for the items on that scale; before
    /// `labels`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub scales: BTreeMap<String, BTreeMap<String, Option<Answer>>>,
    /// The workbook's sheet to read; the first when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
}

/// The columns that give the respondent: each a header, or absent for the
/// automatic choice (docs/import.md#respondent-columns).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RespondentColumns {
    /// The respondent id's column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The organisation's column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// The roles' column: role ids or names, separated by `;` or `,`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<String>,
    /// The power sources' column: ids or names, separated by `;` or `,`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub power_sources: Option<String>,
}

impl RespondentColumns {
    fn is_empty(&self) -> bool {
        self.id.is_none()
            && self.organisation.is_none()
            && self.roles.is_none()
            && self.power_sources.is_none()
    }
}

impl Mapping {
    /// Reads a mapping file.
    ///
    /// # Errors
    ///
    /// [`ImportError::MappingJson`], naming the line and column, for text
    /// that is not JSON of a mapping's shape (an unknown field included).
    pub fn from_json(json: &str) -> Result<Self, ImportError> {
        let mut de = serde_json::Deserializer::from_str(json);
        let read = crate::de::object::<Self, _>(&mut de).and_then(|mapping| de.end().map(|()| mapping));
        read.map_err(|err| ImportError::MappingJson {
            line: err.line().max(1),
            column: err.column().max(1),
            message: crate::de::humane(&crate::error::strip_position(&err)),
        })
    }
}
