use super::foundation::Foundation;

super::set::closed_set! {
/// A common misconception about collaboration, from the Article, in its order.
///
/// Each carries the claim as the Article's heading states it, the reality in
/// this crate's words, and the foundations it bears on.
///
/// ```
/// use collaboration::{Foundation, Misconception};
///
/// let m = Misconception::CollaborationFeelsHarmonious;
/// assert_eq!(m.claim(), "Collaboration feels harmonious");
/// assert!(m.foundations().contains(&Foundation::HealthyTrustingRelationships));
/// ```
#[non_exhaustive]
pub enum Misconception as "misconception" {
    /// "Collaboration means everyone does everything".
    EveryoneDoesEverything,
    /// "Representation equals collaboration".
    RepresentationEqualsCollaboration,
    /// "Everyone is equal".
    EveryoneIsEqual,
    /// "Governance equals board meetings".
    GovernanceEqualsBoardMeetings,
    /// "Collaboration feels harmonious".
    CollaborationFeelsHarmonious,
    /// "Collaboration is always about gain".
    CollaborationIsAlwaysAboutGain,
    /// "Collaboration doesn't require leadership".
    CollaborationNeedsNoLeadership,
}
}

impl Misconception {
    /// The misconception as the Article's heading states it, verbatim.
    pub const fn claim(self) -> &'static str {
        match self {
            Self::EveryoneDoesEverything => "Collaboration means everyone does everything",
            Self::RepresentationEqualsCollaboration => "Representation equals collaboration",
            Self::EveryoneIsEqual => "Everyone is equal",
            Self::GovernanceEqualsBoardMeetings => "Governance equals board meetings",
            Self::CollaborationFeelsHarmonious => "Collaboration feels harmonious",
            Self::CollaborationIsAlwaysAboutGain => "Collaboration is always about gain",
            Self::CollaborationNeedsNoLeadership => "Collaboration doesn\u{2019}t require leadership",
        }
    }

    /// The reality behind the misconception, in this crate's words after the
    /// Article.
    pub const fn reality(self) -> &'static str {
        match self {
            Self::EveryoneDoesEverything => {
                "Collaboration takes many forms, and they can co-exist: sometimes a few partners, \
                 or one organisation acting alone, is the right route to a shared outcome. Ask who \
                 adds value where, and be flexible about when and with whom to collaborate."
            }
            Self::RepresentationEqualsCollaboration => {
                "A diverse table is not yet collaboration. People who are invited in often cannot \
                 contribute fully because of jargon, unshared experience or assumptions; it falls \
                 to those who invite to make contribution possible, and new voices should change \
                 how the collaboration looks and works."
            }
            Self::EveryoneIsEqual => {
                "Partners hold unequal structural power (financial, knowledge, positional and \
                 more). Pretending everyone has an equal seat hides power over others; effective \
                 collaboration talks about where power lies and changes its dynamics so that \
                 everyone can genuinely contribute."
            }
            Self::GovernanceEqualsBoardMeetings => {
                "Inviting everyone to every meeting spends scarce time on updates and rubber \
                 stamps. Good governance lets people add value and bring a different perspective, \
                 and is sometimes a space for exploration and sense-making before formal \
                 decisions."
            }
            Self::CollaborationFeelsHarmonious => {
                "Surface harmony often means people agree without really agreeing, because trust \
                 is thin or power unspoken. Real collaboration puts different perspectives on the \
                 table and works through disagreement and conflict while staying in relationship."
            }
            Self::CollaborationIsAlwaysAboutGain => {
                "Done well, collaboration should lead to better outcomes, but the way there \
                 involves compromise and loss: of power and control, of priorities, of familiar \
                 ways of working and identities."
            }
            Self::CollaborationNeedsNoLeadership => {
                "Even a partnership of equals needs leadership and role clarity to make progress. \
                 Collaborative leadership reaches beyond formal authority, building influence \
                 through relationships, trust and shared sense-making, and mobilising others."
            }
        }
    }

    /// The foundations the misconception bears on (this crate's mapping).
    pub const fn foundations(self) -> &'static [Foundation] {
        use Foundation as F;
        match self {
            Self::EveryoneDoesEverything => &[F::CollaborativeMindset, F::SharedVisionAndPurpose],
            Self::RepresentationEqualsCollaboration => {
                &[F::HealthyTrustingRelationships, F::CollaborativeBehaviours]
            }
            Self::EveryoneIsEqual => &[F::HealthyTrustingRelationships, F::CollaborativeBehaviours],
            Self::GovernanceEqualsBoardMeetings => &[F::CollaborativeInfrastructure],
            Self::CollaborationFeelsHarmonious => {
                &[F::HealthyTrustingRelationships, F::CollaborativeBehaviours]
            }
            Self::CollaborationIsAlwaysAboutGain => {
                &[F::CollaborativeMindset, F::CollaborativeInfrastructure]
            }
            Self::CollaborationNeedsNoLeadership => &[F::CollaborativeBehaviours],
        }
    }
}
