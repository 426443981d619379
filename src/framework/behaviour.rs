super::set::closed_set! {
/// One of the seven collaborative behaviours the Guide lists under foundation
/// 4, [`Foundation::CollaborativeBehaviours`](crate::framework::Foundation::CollaborativeBehaviours).
///
/// ```
/// use collaboration::framework::CollaborativeBehaviour;
///
/// assert_eq!(CollaborativeBehaviour::COUNT, 7);
/// assert_eq!(CollaborativeBehaviour::SharingPower.name(), "Sharing power");
/// ```
pub enum CollaborativeBehaviour as "collaborative behaviour" {
    /// Building connections across boundaries and seeking out others' points of view.
    BuildingConnections,
    /// Sharing power and promoting equality of voice.
    SharingPower,
    /// Practising mutual accountability.
    MutualAccountability,
    /// Nurturing leadership in everyone.
    NurturingLeadership,
    /// Communicating openly and actively.
    OpenCommunication,
    /// Encouraging curiosity and experimentation.
    CuriosityAndExperimentation,
    /// Influencing and mobilising others towards the shared purpose.
    InfluencingAndMobilising,
}
}

impl CollaborativeBehaviour {
    /// A short name for the behaviour.
    pub const fn name(self) -> &'static str {
        match self {
            Self::BuildingConnections => "Building connections",
            Self::SharingPower => "Sharing power",
            Self::MutualAccountability => "Mutual accountability",
            Self::NurturingLeadership => "Nurturing leadership",
            Self::OpenCommunication => "Open communication",
            Self::CuriosityAndExperimentation => "Curiosity and experimentation",
            Self::InfluencingAndMobilising => "Influencing and mobilising",
        }
    }

    /// What the behaviour looks like, in this crate's words after the Guide.
    pub const fn description(self) -> &'static str {
        match self {
            Self::BuildingConnections => {
                "Reaching across organisational and professional boundaries and looking for the views of people who see things differently."
            }
            Self::SharingPower => {
                "Spreading power and making sure every voice carries equal weight, not only the loudest or most senior."
            }
            Self::MutualAccountability => {
                "Holding one another to account for shared commitments, rather than each answering only upwards."
            }
            Self::NurturingLeadership => {
                "Growing leadership in everyone involved, not only in those with formal roles."
            }
            Self::OpenCommunication => {
                "Sharing information openly and keeping one another actively informed."
            }
            Self::CuriosityAndExperimentation => {
                "Asking questions, trying new approaches and learning from what does not work."
            }
            Self::InfluencingAndMobilising => {
                "Bringing others, and the resources they hold, to act towards the shared purpose."
            }
        }
    }
}
