super::set::closed_set! {
/// A role people play to enable collaboration across systems, from the Guide's
/// section on systems leadership.
///
/// Anyone can play these roles, not only those in positions of formal
/// authority. A respondent may play more than one.
///
/// ```
/// use collaboration::Role;
///
/// assert_eq!(Role::parse("system-steward")?, Role::SystemSteward);
/// assert_eq!(Role::SystemSteward.name(), "System steward");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub enum Role as "role" {
    /// A system leader: mobilises collective action towards shared goals across organisational boundaries.
    SystemLeader,
    /// A system activist: thinks big picture to change outcomes, beyond individual roles or organisations.
    SystemActivist,
    /// A system steward: nurtures a healthy system by helping people collaborate and learn together.
    SystemSteward,
}
}

impl Role {
    /// The role's name.
    pub const fn name(self) -> &'static str {
        match self {
            Self::SystemLeader => "System leader",
            Self::SystemActivist => "System activist",
            Self::SystemSteward => "System steward",
        }
    }

    /// What someone in the role does, in this crate's words after the Guide.
    pub const fn description(self) -> &'static str {
        match self {
            Self::SystemLeader => {
                "Mobilises collective action towards shared goals, working across organisational \
                 boundaries, building informal authority through relationships and focusing \
                 collective attention on the work; co-creates the future with others rather than \
                 reacting to problems."
            }
            Self::SystemActivist => {
                "Thinks big picture to change outcomes beyond any one role or organisation, \
                 seeking different perspectives and underlying causes to design interventions; \
                 usually a role taken on from where one stands rather than one people are invited \
                 to play."
            }
            Self::SystemSteward => {
                "Takes responsibility for nurturing a healthy system by helping people collaborate \
                 and learn together, bridging those with formal and informal power, addressing \
                 power imbalances and helping collaborators use shared relationships, insights and \
                 resources well."
            }
        }
    }
}
