use schemars::JsonSchema;
use serde::Serialize;

use super::foundation::Foundation;

super::set::closed_set! {
/// The identifier of one of the Guide's eighteen reflection questions:
/// `<foundation>.<n>`, with `n` from 1 to 3 in the Guide's order.
///
/// ```
/// use collaboration::{Foundation, QuestionId};
///
/// let id: QuestionId = "shared-learning.2".parse()?;
/// assert_eq!(id.foundation(), Foundation::SharedLearning);
/// assert_eq!(id.number(), 2);
/// assert_eq!(
///     id.text(),
///     "Do you make decisions based on robust 'data' and seek diverse viewpoints to understand the impact of your work?"
/// );
///
/// let err = "shared-learning.4".parse::<QuestionId>().unwrap_err();
/// assert!(err.to_string().contains("`shared-learning.4`"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub enum QuestionId as "reflection question" {
    /// Collaborative mindset (*Believing in us*), question 1.
    #[serde(rename = "collaborative-mindset.1")]
    #[strum(serialize = "collaborative-mindset.1")]
    CollaborativeMindset1,
    /// Collaborative mindset (*Believing in us*), question 2.
    #[serde(rename = "collaborative-mindset.2")]
    #[strum(serialize = "collaborative-mindset.2")]
    CollaborativeMindset2,
    /// Collaborative mindset (*Believing in us*), question 3.
    #[serde(rename = "collaborative-mindset.3")]
    #[strum(serialize = "collaborative-mindset.3")]
    CollaborativeMindset3,
    /// Healthy, trusting relationships (*Finding critical friends*), question 1.
    #[serde(rename = "healthy-trusting-relationships.1")]
    #[strum(serialize = "healthy-trusting-relationships.1")]
    HealthyTrustingRelationships1,
    /// Healthy, trusting relationships (*Finding critical friends*), question 2.
    #[serde(rename = "healthy-trusting-relationships.2")]
    #[strum(serialize = "healthy-trusting-relationships.2")]
    HealthyTrustingRelationships2,
    /// Healthy, trusting relationships (*Finding critical friends*), question 3.
    #[serde(rename = "healthy-trusting-relationships.3")]
    #[strum(serialize = "healthy-trusting-relationships.3")]
    HealthyTrustingRelationships3,
    /// Shared vision and purpose (*Charting a path*), question 1.
    #[serde(rename = "shared-vision-and-purpose.1")]
    #[strum(serialize = "shared-vision-and-purpose.1")]
    SharedVisionAndPurpose1,
    /// Shared vision and purpose (*Charting a path*), question 2.
    #[serde(rename = "shared-vision-and-purpose.2")]
    #[strum(serialize = "shared-vision-and-purpose.2")]
    SharedVisionAndPurpose2,
    /// Shared vision and purpose (*Charting a path*), question 3.
    #[serde(rename = "shared-vision-and-purpose.3")]
    #[strum(serialize = "shared-vision-and-purpose.3")]
    SharedVisionAndPurpose3,
    /// Collaborative behaviours (*Walking the walk*), question 1.
    #[serde(rename = "collaborative-behaviours.1")]
    #[strum(serialize = "collaborative-behaviours.1")]
    CollaborativeBehaviours1,
    /// Collaborative behaviours (*Walking the walk*), question 2.
    #[serde(rename = "collaborative-behaviours.2")]
    #[strum(serialize = "collaborative-behaviours.2")]
    CollaborativeBehaviours2,
    /// Collaborative behaviours (*Walking the walk*), question 3.
    #[serde(rename = "collaborative-behaviours.3")]
    #[strum(serialize = "collaborative-behaviours.3")]
    CollaborativeBehaviours3,
    /// Shared learning (*Putting our heads together*), question 1.
    #[serde(rename = "shared-learning.1")]
    #[strum(serialize = "shared-learning.1")]
    SharedLearning1,
    /// Shared learning (*Putting our heads together*), question 2.
    #[serde(rename = "shared-learning.2")]
    #[strum(serialize = "shared-learning.2")]
    SharedLearning2,
    /// Shared learning (*Putting our heads together*), question 3.
    #[serde(rename = "shared-learning.3")]
    #[strum(serialize = "shared-learning.3")]
    SharedLearning3,
    /// Collaborative infrastructure (*Making it happen*), question 1.
    #[serde(rename = "collaborative-infrastructure.1")]
    #[strum(serialize = "collaborative-infrastructure.1")]
    CollaborativeInfrastructure1,
    /// Collaborative infrastructure (*Making it happen*), question 2.
    #[serde(rename = "collaborative-infrastructure.2")]
    #[strum(serialize = "collaborative-infrastructure.2")]
    CollaborativeInfrastructure2,
    /// Collaborative infrastructure (*Making it happen*), question 3.
    #[serde(rename = "collaborative-infrastructure.3")]
    #[strum(serialize = "collaborative-infrastructure.3")]
    CollaborativeInfrastructure3,
}
}

impl QuestionId {
    /// The foundation the question belongs to.
    pub const fn foundation(self) -> Foundation {
        use Foundation as F;
        match self {
            Self::CollaborativeMindset1 | Self::CollaborativeMindset2 | Self::CollaborativeMindset3 => {
                F::CollaborativeMindset
            }
            Self::HealthyTrustingRelationships1
            | Self::HealthyTrustingRelationships2
            | Self::HealthyTrustingRelationships3 => F::HealthyTrustingRelationships,
            Self::SharedVisionAndPurpose1 | Self::SharedVisionAndPurpose2 | Self::SharedVisionAndPurpose3 => {
                F::SharedVisionAndPurpose
            }
            Self::CollaborativeBehaviours1
            | Self::CollaborativeBehaviours2
            | Self::CollaborativeBehaviours3 => F::CollaborativeBehaviours,
            Self::SharedLearning1 | Self::SharedLearning2 | Self::SharedLearning3 => F::SharedLearning,
            Self::CollaborativeInfrastructure1
            | Self::CollaborativeInfrastructure2
            | Self::CollaborativeInfrastructure3 => F::CollaborativeInfrastructure,
        }
    }

    /// The question's number within its foundation, 1 to 3.
    pub const fn number(self) -> u8 {
        // The variants run three to a foundation, in order.
        (self as u8) % 3 + 1
    }

    /// The question, verbatim from the Guide.
    pub const fn text(self) -> &'static str {
        match self {
            Self::CollaborativeMindset1 => {
                "Do your actions align with the belief that working together is necessary to achieve collective goals?"
            }
            Self::CollaborativeMindset2 => {
                "Do you share an understanding of the complex nature of the challenges you're addressing together?"
            }
            Self::CollaborativeMindset3 => {
                "Are you all willing to change how you work and how resources flow to meet your shared goals?"
            }
            Self::HealthyTrustingRelationships1 => {
                "Could you name the different perspectives those you are collaborating with have on the work?"
            }
            Self::HealthyTrustingRelationships2 => {
                "Do you spend time building and strengthening your relationships as a group?"
            }
            Self::HealthyTrustingRelationships3 => {
                "Can you work through disagreements in a constructive and generative way?"
            }
            Self::SharedVisionAndPurpose1 => {
                "Is your vision clearly outlined and do those you're collaborating with know it well enough to express it to others?"
            }
            Self::SharedVisionAndPurpose2 => {
                "Do you regularly revisit your goals together and ensure your work is aligned with them?"
            }
            Self::SharedVisionAndPurpose3 => {
                "Is everyone's personal and organisational purpose aligned with collective goals?"
            }
            Self::CollaborativeBehaviours1 => {
                "Are you able to communicate openly, seek out others' views and listen to each other?"
            }
            Self::CollaborativeBehaviours2 => {
                "Do you engage a wide range of people in your shared aims, seeking to influence and mobilise a wide range of system resources and knowledge?"
            }
            Self::CollaborativeBehaviours3 => {
                "Do you try to strengthen the wider system, fostering new connections and collaborative behaviours and action?"
            }
            Self::SharedLearning1 => "Do you dedicate time to exploring the impact of your work together?",
            Self::SharedLearning2 => {
                "Do you make decisions based on robust 'data' and seek diverse viewpoints to understand the impact of your work?"
            }
            Self::SharedLearning3 => "Are you capable of adapting your approach based on this learning?",
            Self::CollaborativeInfrastructure1 => {
                "Are you repurposing organisational infrastructure to support and enable the aims of your collaboration?"
            }
            Self::CollaborativeInfrastructure2 => {
                "Are you building new collaborative infrastructure where it is needed (for example, new shared data sets, collective communications and integrated or aligned funding)?"
            }
            Self::CollaborativeInfrastructure3 => {
                "Are you comfortable giving up organisational control over some things in the interests of your shared aims?"
            }
        }
    }

    /// The whole question: its id, foundation, number and text.
    pub const fn question(self) -> ReflectionQuestion {
        ReflectionQuestion {
            id: self,
            foundation: self.foundation(),
            number: self.number(),
            text: self.text(),
        }
    }
}

/// One of the Guide's reflection questions, with its foundation and its text
/// verbatim.
///
/// ```
/// use collaboration::{Foundation, QuestionId};
///
/// let q = QuestionId::parse("collaborative-infrastructure.3")?.question();
/// assert_eq!(q.foundation, Foundation::CollaborativeInfrastructure);
/// assert_eq!(q.number, 3);
/// assert!(q.text.starts_with("Are you comfortable giving up organisational control"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
pub struct ReflectionQuestion {
    /// The question's identifier, e.g. `shared-learning.2`.
    pub id: QuestionId,
    /// The foundation it belongs to.
    pub foundation: Foundation,
    /// Its number within the foundation, 1 to 3.
    pub number: u8,
    /// The question, verbatim from the Guide.
    pub text: &'static str,
}

impl std::str::FromStr for ReflectionQuestion {
    type Err = crate::error::ParseIdError;

    fn from_str(id: &str) -> Result<Self, Self::Err> {
        QuestionId::parse(id).map(QuestionId::question)
    }
}

impl std::fmt::Display for ReflectionQuestion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.id, self.text)
    }
}

/// A foundation's questions live here, beside the questions, so that
/// foundations need not know them.
impl Foundation {
    /// The identifiers of the foundation's three reflection questions, in the
    /// Guide's order.
    pub const fn question_ids(self) -> [QuestionId; 3] {
        use QuestionId as Q;
        match self {
            Self::CollaborativeMindset => {
                [Q::CollaborativeMindset1, Q::CollaborativeMindset2, Q::CollaborativeMindset3]
            }
            Self::HealthyTrustingRelationships => [
                Q::HealthyTrustingRelationships1,
                Q::HealthyTrustingRelationships2,
                Q::HealthyTrustingRelationships3,
            ],
            Self::SharedVisionAndPurpose => {
                [Q::SharedVisionAndPurpose1, Q::SharedVisionAndPurpose2, Q::SharedVisionAndPurpose3]
            }
            Self::CollaborativeBehaviours => {
                [Q::CollaborativeBehaviours1, Q::CollaborativeBehaviours2, Q::CollaborativeBehaviours3]
            }
            Self::SharedLearning => [Q::SharedLearning1, Q::SharedLearning2, Q::SharedLearning3],
            Self::CollaborativeInfrastructure => [
                Q::CollaborativeInfrastructure1,
                Q::CollaborativeInfrastructure2,
                Q::CollaborativeInfrastructure3,
            ],
        }
    }

    /// The foundation's three reflection questions, verbatim from the Guide.
    ///
    /// ```
    /// use collaboration::Foundation;
    ///
    /// let [first, ..] = Foundation::HealthyTrustingRelationships.reflection_questions();
    /// assert_eq!(
    ///     first.text,
    ///     "Could you name the different perspectives those you are collaborating with have on the work?"
    /// );
    /// ```
    pub const fn reflection_questions(self) -> [ReflectionQuestion; 3] {
        let [a, b, c] = self.question_ids();
        [a.question(), b.question(), c.question()]
    }
}
