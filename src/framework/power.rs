super::set::closed_set! {
/// A form of power, as the Article uses them after Lisa VeneKlasen and Valerie
/// Miller, *A New Weave of Power* (2002).
///
/// Power with, to and within are positive expressions that help a
/// collaboration; power over is the imbalance a collaboration needs to be
/// able to talk about and change.
///
/// ```
/// use collaboration::PowerForm;
///
/// assert!(PowerForm::PowerWith.is_positive());
/// assert!(!PowerForm::PowerOver.is_positive());
/// ```
pub enum PowerForm as "form of power" {
    /// Power over: control of some people or partners by others, the imbalance to surface.
    PowerOver,
    /// Power with: the shared power that comes from acting together with others.
    PowerWith,
    /// Power to: the capacity to act.
    PowerTo,
    /// Power within: a sense of self-worth and agency.
    PowerWithin,
}
}

impl PowerForm {
    /// The form's name, e.g. "Power over".
    pub const fn name(self) -> &'static str {
        match self {
            Self::PowerOver => "Power over",
            Self::PowerWith => "Power with",
            Self::PowerTo => "Power to",
            Self::PowerWithin => "Power within",
        }
    }

    /// What the form means, in this crate's words after the Article.
    pub const fn meaning(self) -> &'static str {
        match self {
            Self::PowerOver => {
                "Control exercised over others: the implicit and explicit imbalances and \
                 inequities between partners that are easily glossed over, and that a \
                 collaboration needs to surface."
            }
            Self::PowerWith => "Collective strength found by acting together with others.",
            Self::PowerTo => "The capacity of a person or group to act and make a difference.",
            Self::PowerWithin => {
                "A person's sense of their own worth and agency, which lets them contribute."
            }
        }
    }

    /// Whether the Article counts this form as a positive expression of power
    /// (to, with, within) rather than the imbalance to surface (over).
    pub const fn is_positive(self) -> bool {
        !matches!(self, Self::PowerOver)
    }
}

super::set::closed_set! {
/// A source of structural power a partner may hold, after the Article (access
/// to financial, knowledge and other sources of power, and positional power)
/// and the Guide's foundation 4 (authority from knowledge, networks, role and
/// status).
///
/// Respondents who hold any of these are compared with those who hold none,
/// to show whether power shapes who speaks.
///
/// ```
/// use collaboration::PowerSource;
///
/// assert_eq!(PowerSource::ALL.len(), 4);
/// ```
#[non_exhaustive]
pub enum PowerSource as "power source" {
    /// Financial: control of money and resources.
    Financial,
    /// Knowledge: expertise, information and data.
    Knowledge,
    /// Positional: formal role, status and authority.
    Positional,
    /// Networks: connections and relationships that reach people and resources.
    Networks,
}
}

impl PowerSource {
    /// The source's name, e.g. "Positional".
    pub const fn name(self) -> &'static str {
        match self {
            Self::Financial => "Financial",
            Self::Knowledge => "Knowledge",
            Self::Positional => "Positional",
            Self::Networks => "Networks",
        }
    }
}
