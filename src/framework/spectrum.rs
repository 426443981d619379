super::set::closed_set! {
/// A level of the collaboration spectrum the Article cites: the Tamarack
/// Institute's "Collaboration Spectrum", ordered from the least to the most
/// integrated.
///
/// Higher is not always better: the Article's first misconception is exactly
/// that collaboration should be everyone doing everything.
///
/// ```
/// use collaboration::CollaborationLevel;
///
/// assert!(CollaborationLevel::Coordinate < CollaborationLevel::Integrate);
/// assert_eq!(CollaborationLevel::Coordinate.level(), 5);
/// assert_eq!(CollaborationLevel::from_level(1), Some(CollaborationLevel::Compete));
/// ```
pub enum CollaborationLevel as "collaboration level" {
    /// 1. Compete: organisations compete for clients, resources, partners or attention.
    Compete,
    /// 2. Co-exist: organisations work side by side with no systematic connection.
    CoExist,
    /// 3. Communicate: organisations share information.
    Communicate,
    /// 4. Cooperate: organisations work together as needed on discrete activities.
    Cooperate,
    /// 5. Coordinate: organisations systematically adjust and align their work.
    Coordinate,
    /// 6. Collaborate: longer-term work on a shared mission, with shared decisions and resources.
    Collaborate,
    /// 7. Integrate: fully integrated programmes, planning and funding.
    Integrate,
}
}

impl CollaborationLevel {
    /// The level's position on the spectrum, 1 (compete) to 7 (integrate).
    pub const fn level(self) -> u8 {
        self as u8 + 1
    }

    /// The level at position `n` (1 to 7), if there is one.
    pub fn from_level(n: u8) -> Option<Self> {
        Self::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    /// The level's name, e.g. "Co-exist".
    pub const fn name(self) -> &'static str {
        match self {
            Self::Compete => "Compete",
            Self::CoExist => "Co-exist",
            Self::Communicate => "Communicate",
            Self::Cooperate => "Cooperate",
            Self::Coordinate => "Coordinate",
            Self::Collaborate => "Collaborate",
            Self::Integrate => "Integrate",
        }
    }

    /// A one-line meaning of the level, in this crate's words after the
    /// spectrum.
    pub const fn meaning(self) -> &'static str {
        match self {
            Self::Compete => "Organisations compete for clients, resources, partners or public attention.",
            Self::CoExist => "Organisations work alongside one another with no systematic connection.",
            Self::Communicate => {
                "Organisations share information with one another, for example through networking."
            }
            Self::Cooperate => {
                "Organisations work together informally, as needed, on discrete activities or projects."
            }
            Self::Coordinate => {
                "Organisations systematically adjust and align their work with one another for greater outcomes."
            }
            Self::Collaborate => {
                "Organisations work together over the longer term on a shared mission and goals, sharing decisions and resources."
            }
            Self::Integrate => "Organisations run fully integrated programmes, planning and funding.",
        }
    }
}
