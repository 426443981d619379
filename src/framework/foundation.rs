use super::behaviour::CollaborativeBehaviour;
use super::infrastructure::InfrastructureElement;

super::set::closed_set! {
/// One of the Guide's six foundations for effective collaboration.
///
/// The order of the variants is the Guide's order, so `Ord` and
/// [`Foundation::iter`] follow it.
///
/// ```
/// use collaboration::Foundation;
///
/// let f: Foundation = "shared-learning".parse()?;
/// assert_eq!(f.number(), 5);
/// assert_eq!(f.heading(), "Putting our heads together");
/// assert_eq!(f.to_string(), "shared-learning");
/// assert_eq!(Foundation::iter().count(), 6);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub enum Foundation as "foundation" {
    /// 1. Collaborative mindset: *Believing in us*.
    CollaborativeMindset,
    /// 2. Healthy, trusting relationships: *Finding critical friends*.
    HealthyTrustingRelationships,
    /// 3. Shared vision and purpose: *Charting a path*.
    SharedVisionAndPurpose,
    /// 4. Collaborative behaviours: *Walking the walk*.
    CollaborativeBehaviours,
    /// 5. Shared learning: *Putting our heads together*.
    SharedLearning,
    /// 6. Collaborative infrastructure: *Making it happen*.
    CollaborativeInfrastructure,
}
}

impl Foundation {
    /// The foundation's number in the Guide, 1 to 6.
    pub const fn number(self) -> u8 {
        match self {
            Self::CollaborativeMindset => 1,
            Self::HealthyTrustingRelationships => 2,
            Self::SharedVisionAndPurpose => 3,
            Self::CollaborativeBehaviours => 4,
            Self::SharedLearning => 5,
            Self::CollaborativeInfrastructure => 6,
        }
    }

    /// The foundation with the Guide's number `n` (1 to 6), if there is one.
    ///
    /// ```
    /// use collaboration::Foundation;
    /// assert_eq!(Foundation::from_number(4), Some(Foundation::CollaborativeBehaviours));
    /// assert_eq!(Foundation::from_number(7), None);
    /// ```
    pub fn from_number(n: u8) -> Option<Self> {
        Self::iter().find(|f| f.number() == n)
    }

    /// The foundation's name as the Guide writes it, e.g. "Healthy, trusting
    /// relationships".
    pub const fn name(self) -> &'static str {
        match self {
            Self::CollaborativeMindset => "Collaborative mindset",
            Self::HealthyTrustingRelationships => "Healthy, trusting relationships",
            Self::SharedVisionAndPurpose => "Shared vision and purpose",
            Self::CollaborativeBehaviours => "Collaborative behaviours",
            Self::SharedLearning => "Shared learning",
            Self::CollaborativeInfrastructure => "Collaborative infrastructure",
        }
    }

    /// The heading of the Guide's section of reflection questions for this
    /// foundation, e.g. "Believing in us".
    pub const fn heading(self) -> &'static str {
        match self {
            Self::CollaborativeMindset => "Believing in us",
            Self::HealthyTrustingRelationships => "Finding critical friends",
            Self::SharedVisionAndPurpose => "Charting a path",
            Self::CollaborativeBehaviours => "Walking the walk",
            Self::SharedLearning => "Putting our heads together",
            Self::CollaborativeInfrastructure => "Making it happen",
        }
    }

    /// A short summary of the foundation, in this crate's own words after the
    /// Guide.
    pub const fn summary(self) -> &'static str {
        match self {
            Self::CollaborativeMindset => {
                "The belief that people and the challenges they face are interconnected, so that \
                 change comes from going further together rather than from heroic saviours, held \
                 with the humility that any one view of the problem is partial."
            }
            Self::HealthyTrustingRelationships => {
                "Trust among collaborators lets them understand each other, hold the tension \
                 between common purpose and differing views, and move to action; an inclusive \
                 collaboration involves the right people, fairly and in proportion to their \
                 capacity and commitment."
            }
            Self::SharedVisionAndPurpose => {
                "A direction of travel, co-created by everyone involved and shaped with the people \
                 the work affects, that gives the collaboration clarity, coherence, motivation and \
                 collective ownership."
            }
            Self::CollaborativeBehaviours => {
                "The everyday ways of working together that make change possible, from building \
                 connections and sharing power to influencing and mobilising others; those with \
                 positional power carry a particular duty to model them."
            }
            Self::SharedLearning => {
                "Continuous, collective learning and sense-making that draws on diverse \
                 perspectives, so the collaboration adapts as complex change unfolds instead of \
                 delivering to a fixed plan."
            }
            Self::CollaborativeInfrastructure => {
                "The enabling structures (data, funding, communications, development, governance \
                 and accountability) that make working across boundaries easier and align the \
                 incentives of the organisations involved."
            }
        }
    }

    /// The further reading the Guide names for this foundation (titles only).
    pub const fn further_reading(self) -> &'static [&'static str] {
        match self {
            Self::CollaborativeMindset => &["Manifesto for A Collaborative Society"],
            Self::HealthyTrustingRelationships | Self::SharedVisionAndPurpose => &[],
            Self::CollaborativeBehaviours => &["Behaving Like a System", "Building Collaborative Places"],
            Self::SharedLearning => &["Human Learning Systems: Public Service for the Real World"],
            Self::CollaborativeInfrastructure => &["Building Collaborative Places"],
        }
    }

    /// The seven collaborative behaviours, which the Guide lists under
    /// foundation 4; empty for every other foundation.
    pub const fn behaviours(self) -> &'static [CollaborativeBehaviour] {
        match self {
            Self::CollaborativeBehaviours => CollaborativeBehaviour::ALL,
            _ => &[],
        }
    }

    /// The six pieces of collaborative infrastructure, which the Guide lists
    /// under foundation 6; empty for every other foundation.
    pub const fn infrastructure(self) -> &'static [InfrastructureElement] {
        match self {
            Self::CollaborativeInfrastructure => InfrastructureElement::ALL,
            _ => &[],
        }
    }
}
