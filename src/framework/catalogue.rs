//! The whole framework as one serialisable value, for apps in other
//! languages.

use schemars::JsonSchema;
use serde::Serialize;

use super::behaviour::CollaborativeBehaviour;
use super::foundation::Foundation;
use super::infrastructure::InfrastructureElement;
use super::misconception::Misconception;
use super::power::{PowerForm, PowerSource};
use super::question::ReflectionQuestion;
use super::role::Role;
use super::source::{ARTICLE, CORE_BELIEF, DEFINITION, GUIDE};
use super::spectrum::CollaborationLevel;

/// A foundation with everything the crate knows about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct FoundationEntry {
    /// Its id.
    pub id: Foundation,
    /// Its number in the Guide, 1 to 6.
    pub number: u8,
    /// Its name as the Guide writes it.
    pub name: &'static str,
    /// The heading of its reflection questions.
    pub heading: &'static str,
    /// A short summary, in the crate's words after the Guide.
    pub summary: &'static str,
    /// Its three reflection questions, verbatim.
    pub questions: Vec<ReflectionQuestion>,
    /// The further reading the Guide names for it.
    pub further_reading: Vec<&'static str>,
    /// The behaviours it lists (foundation 4 only).
    pub behaviours: Vec<CollaborativeBehaviour>,
    /// The infrastructure it lists (foundation 6 only).
    pub infrastructure: Vec<InfrastructureElement>,
}

/// An entry with an id, a name and a description.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(rename = "{T}Entry")]
pub struct Described<T> {
    /// Its id.
    pub id: T,
    /// Its name.
    pub name: &'static str,
    /// What it is, in the crate's words after the source.
    pub description: &'static str,
}

/// A form of power.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PowerFormEntry {
    /// Its id.
    pub id: PowerForm,
    /// Its name.
    pub name: &'static str,
    /// What it means.
    pub meaning: &'static str,
    /// Whether it is a positive expression of power (to, with, within).
    pub positive: bool,
}

/// A source of structural power.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PowerSourceEntry {
    /// Its id.
    pub id: PowerSource,
    /// Its name.
    pub name: &'static str,
}

/// A misconception.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct MisconceptionEntry {
    /// Its id.
    pub id: Misconception,
    /// The claim, as the Article's heading states it.
    pub claim: &'static str,
    /// The reality, in the crate's words after the Article.
    pub reality: &'static str,
    /// The foundations it bears on.
    pub foundations: Vec<Foundation>,
}

/// A level of the collaboration spectrum.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct LevelEntry {
    /// Its id.
    pub id: CollaborationLevel,
    /// Its position, 1 (compete) to 7 (integrate).
    pub level: u8,
    /// Its name.
    pub name: &'static str,
    /// What it means.
    pub meaning: &'static str,
}

/// The whole framework: every foundation with its questions, the behaviours,
/// infrastructure, roles, power, misconceptions and the spectrum, with the
/// sources credited.
///
/// ```
/// use collaboration::Catalogue;
///
/// let catalogue = Catalogue::new();
/// assert_eq!(catalogue.foundations.len(), 6);
/// let json = serde_json::to_value(&catalogue)?;
/// assert_eq!(json["foundations"][4]["questions"][1]["id"], "shared-learning.2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Catalogue {
    /// The Guide's definition of collaboration, verbatim.
    pub definition: &'static str,
    /// The collaborative mindset's core belief, quoted from the Guide.
    pub core_belief: &'static str,
    /// The sources: the Guide and the Article.
    pub sources: Vec<&'static str>,
    /// The six foundations, in the Guide's order.
    pub foundations: Vec<FoundationEntry>,
    /// The seven collaborative behaviours.
    pub behaviours: Vec<Described<CollaborativeBehaviour>>,
    /// The six pieces of collaborative infrastructure.
    pub infrastructure: Vec<Described<InfrastructureElement>>,
    /// The system roles.
    pub roles: Vec<Described<Role>>,
    /// The forms of power.
    pub power_forms: Vec<PowerFormEntry>,
    /// The sources of structural power.
    pub power_sources: Vec<PowerSourceEntry>,
    /// The misconceptions, in the Article's order.
    pub misconceptions: Vec<MisconceptionEntry>,
    /// The collaboration spectrum, compete to integrate.
    pub spectrum: Vec<LevelEntry>,
}

impl Default for Catalogue {
    fn default() -> Self {
        Self::new()
    }
}

impl Catalogue {
    /// The whole framework.
    pub fn new() -> Self {
        Self {
            definition: DEFINITION,
            core_belief: CORE_BELIEF,
            sources: vec![GUIDE, ARTICLE],
            foundations: Foundation::iter()
                .map(|f| FoundationEntry {
                    id: f,
                    number: f.number(),
                    name: f.name(),
                    heading: f.heading(),
                    summary: f.summary(),
                    questions: f.reflection_questions().to_vec(),
                    further_reading: f.further_reading().to_vec(),
                    behaviours: f.behaviours().to_vec(),
                    infrastructure: f.infrastructure().to_vec(),
                })
                .collect(),
            behaviours: CollaborativeBehaviour::iter()
                .map(|b| Described { id: b, name: b.name(), description: b.description() })
                .collect(),
            infrastructure: InfrastructureElement::iter()
                .map(|e| Described { id: e, name: e.name(), description: e.description() })
                .collect(),
            roles: Role::iter()
                .map(|r| Described { id: r, name: r.name(), description: r.description() })
                .collect(),
            power_forms: PowerForm::iter()
                .map(|p| PowerFormEntry {
                    id: p,
                    name: p.name(),
                    meaning: p.meaning(),
                    positive: p.is_positive(),
                })
                .collect(),
            power_sources: PowerSource::iter().map(|s| PowerSourceEntry { id: s, name: s.name() }).collect(),
            misconceptions: Misconception::iter()
                .map(|m| MisconceptionEntry {
                    id: m,
                    claim: m.claim(),
                    reality: m.reality(),
                    foundations: m.foundations().to_vec(),
                })
                .collect(),
            spectrum: CollaborationLevel::iter()
                .map(|l| LevelEntry { id: l, level: l.level(), name: l.name(), meaning: l.meaning() })
                .collect(),
        }
    }
}
