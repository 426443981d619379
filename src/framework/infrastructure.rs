super::set::closed_set! {
/// One of the six pieces of collaborative infrastructure the Guide lists under
/// foundation 6, [`Foundation::CollaborativeInfrastructure`](crate::framework::Foundation::CollaborativeInfrastructure).
///
/// ```
/// use collaboration::framework::InfrastructureElement;
///
/// let e: InfrastructureElement = "shared-data".parse()?;
/// assert_eq!(e.name(), "Shared data");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub enum InfrastructureElement as "infrastructure element" {
    /// Shared data and information.
    SharedData,
    /// Integrated or aligned funding, resources and teams.
    AlignedFundingAndTeams,
    /// Coordinated communications.
    CoordinatedCommunications,
    /// Coordinated staff and organisational development across a system.
    CoordinatedDevelopment,
    /// Collaborative governance that supports the aims and spirit of the collaboration.
    CollaborativeGovernance,
    /// Shared accountability and performance management approaches.
    SharedAccountability,
}
}

impl InfrastructureElement {
    /// A short name for the element.
    pub const fn name(self) -> &'static str {
        match self {
            Self::SharedData => "Shared data",
            Self::AlignedFundingAndTeams => "Aligned funding and teams",
            Self::CoordinatedCommunications => "Coordinated communications",
            Self::CoordinatedDevelopment => "Coordinated development",
            Self::CollaborativeGovernance => "Collaborative governance",
            Self::SharedAccountability => "Shared accountability",
        }
    }

    /// What the element provides, in this crate's words after the Guide.
    pub const fn description(self) -> &'static str {
        match self {
            Self::SharedData => "Data and information that every partner can see and use.",
            Self::AlignedFundingAndTeams => {
                "Money, resources and teams that are pooled, or at least pointed the same way."
            }
            Self::CoordinatedCommunications => {
                "Partners speaking about the shared work with one joined-up voice."
            }
            Self::CoordinatedDevelopment => {
                "Staff and organisational development planned across the system, so new ways of working can take hold."
            }
            Self::CollaborativeGovernance => {
                "Decision-making arrangements built to serve the collaboration's aims and spirit."
            }
            Self::SharedAccountability => {
                "Ways of managing performance and answering for results that the partners hold in common."
            }
        }
    }
}
