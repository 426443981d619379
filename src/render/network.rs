//! The partner map as a network diagram, in SVG.

use super::format::{coord, share, shown, signed};
use super::markup::Markup;
use super::palette as p;
// The organisation labels' line height is the radar's.
use super::svg::LINE;
use crate::framework::CollaborationLevel;
use crate::report::{GroupReport, MISMATCH_LEVELS, PartnerMap, PartnerPair, PartnerTie};

/// A network diagram of a [`PartnerMap`], as a standalone SVG document: the
/// organisations evenly round a circle, each shown directed tie an arrow
/// from the rating organisation to the partner it rated, as wide as the
/// tie's mean current level and coloured by its need gap, with mismatched
/// and over-collaborating pairs marked.
///
/// ```
/// use collaboration::render::NetworkDiagram;
/// use collaboration::{BatchOptions, Instrument, score_batch};
///
/// let team = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/team.jsonl"))?;
/// let report = score_batch(&team[..], Instrument::builtin(), &BatchOptions::default())?.report;
/// let map = report.partners.as_ref().ok_or("no partner ratings")?;
/// let svg = NetworkDiagram::new(map).with_title("Riverside Partnership: who works with whom").to_svg();
/// assert!(svg.starts_with("<svg"));
/// assert!(svg.contains("City Council to Community Voice: 2 raters, current 6.0, needed 6.5"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # What it shows
///
/// - **Organisations** evenly round a circle, in the map's order (byte
///   order of the names), the first at the top and the rest clockwise; each
///   labelled with its name and how others see it (`seen as`, the mean of
///   the current levels of the ties to it) and how it sees its ties
///   (`sees`).
/// - **Ties**: each shown tie A→B is a curve from A to B ending in an
///   arrowhead at B, bowed to its left as it leaves A, so that A→B and B→A
///   are two curves side by side. Its width is 1.5 × the mean current level
///   (1.5 for 1, compete, to 10.5 for 7, integrate); its colour is the need
///   gap, needed − current, on a diverging scale of five steps: +1.5 or
///   more, +0.5 to +1.5 (the work needs closer collaboration: orange),
///   within half a level (grey), −0.5 to −1.5 and −1.5 or less (closer than
///   the work needs: purple). A label beside the curve gives the current
///   and needed levels, `6.0 → 6.5`, so colour is never the only carrier;
///   in a map of more than 16 ties the labels would bury one another, and
///   none is drawn (the legend says so, and the description and the HTML
///   report's matrix give every figure).
/// - **Pairs**: a mismatched pair (the two directions at least
///   [`MISMATCH_LEVELS`] levels apart) has a dashed line between the two
///   organisations and a badge `≠` at its middle; an over-collaborating pair
///   (both directions need less than they have) a badge `▼`.
/// - A legend of the widths, the colours and the badges, and a note of how
///   many ties are suppressed.
///
/// # Geometry
///
/// The SVG's user space is [`NetworkDiagram::WIDTH`] ×
/// [`NetworkDiagram::HEIGHT`] (900 × 900), also its `width`, `height` and
/// `viewBox`. Organisation *i* of *n* (from 0) is centred at angle
/// −90° + 360° × *i* / *n*, measured clockwise from the positive x axis
/// (SVG's y axis points down), at [`NetworkDiagram::RADIUS`] = 220 from
/// ([`NetworkDiagram::CENTRE_X`], [`NetworkDiagram::CENTRE_Y`]) = (450,
/// 390); a single organisation is at the centre. Coordinates are written
/// with two decimal places.
///
/// # Structure
///
/// The root `<svg>` has `role="img"` and `aria-labelledby` naming its
/// `<title id="network-title">` and `<desc id="network-desc">`, the
/// latter giving every figure of the map in words. Each organisation is a
/// `g.organisation` with `data-name`; each tie a `g.tie` (with the class
/// `mismatched` or `over-collaborating` too when its pair is) holding its
/// curve, arrowhead and label, with `data-from`, `data-to`, `data-raters`,
/// `data-current`, `data-needed` and `data-need-gap` (the figures in full,
/// as Rust prints an `f64`: read back, they are the map's numbers exactly);
/// each marked pair a `g.pair-mark` with the class `mismatched` or
/// `over-collaborating` and `data-first`, `data-second`. Nothing is
/// scripted. Names are escaped and shown without their bidirectional
/// formatting characters, as everywhere in the crate's SVG; a name longer
/// than a label's three lines is shortened with `…` in the picture, and
/// given whole in the title and description.
///
/// When two diagrams are inlined in one HTML page their `id`s repeat; use
/// one per page or an `<img>` of each.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkDiagram {
    title: Option<String>,
    map: PartnerMap,
}

/// The network diagram of a partner map, as an SVG document: shorthand for
/// [`NetworkDiagram::new`]`(map).`[`to_svg`](NetworkDiagram::to_svg)`()`.
pub fn network_svg(map: &PartnerMap) -> String {
    NetworkDiagram::new(map).to_svg()
}

/// The radius of an organisation's node.
const NODE: f64 = 24.0;
/// The longest line of an organisation's name, in characters.
const NAME_LINE: usize = 20;
/// The most lines an organisation's name takes.
const NAME_LINES: usize = 3;
/// The most ties that carry a label: past it, the labels would crowd the
/// middle of the circle into an unreadable heap, so none is drawn (the
/// description and the HTML report's matrix give every figure).
const MAX_LABELLED_TIES: usize = 16;

impl NetworkDiagram {
    /// The width of the diagram, in SVG user units (and CSS pixels).
    pub const WIDTH: f64 = 900.0;
    /// The height of the diagram.
    pub const HEIGHT: f64 = 900.0;
    /// The x coordinate of the circle's centre.
    pub const CENTRE_X: f64 = 450.0;
    /// The y coordinate of the circle's centre.
    pub const CENTRE_Y: f64 = 390.0;
    /// The radius of the circle the organisations are on.
    pub const RADIUS: f64 = 220.0;

    /// The diagram of a partner map.
    pub fn new(map: &PartnerMap) -> Self {
        Self { title: None, map: map.clone() }
    }

    /// The diagram of a group report's partner map; `None` when no
    /// respondent rated a partner.
    pub fn from_report(report: &GroupReport) -> Option<Self> {
        report.partners.as_ref().map(Self::new)
    }

    /// Sets the diagram's title, shown above it and as its accessible name.
    /// The default names what is shown, e.g. "The partner map: 4
    /// organisations, 10 ties".
    #[must_use]
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// The diagram's title: the one set, or the default.
    pub fn title(&self) -> String {
        self.title.clone().unwrap_or_else(|| self.default_title())
    }

    fn default_title(&self) -> String {
        let n = self.map.organisations.len();
        let t = self.map.ties.len();
        format!("The partner map: {} organisation{}, {} tie{}", n, plural(n), t, plural(t))
    }

    /// The diagram in words, as its `<desc>` gives it: every tie's raters,
    /// current and needed levels, need gap, trust and value; each
    /// organisation's figures; the mismatched and over-collaborating
    /// pairs; the density at each level; and what is suppressed.
    pub fn description(&self) -> String {
        let map = &self.map;
        let names: Vec<&str> = map.organisations.iter().map(|o| o.name.as_str()).collect();
        let mut parts = vec![format!(
            "The partner map of {} organisation{}{}{}. Each arrow is a directed tie: what the respondents \
             from one organisation said of their collaboration with a partner, on the collaboration \
             spectrum from 1 (compete) to 7 (integrate). Its width is the mean current level, and its \
             colour the need gap, needed minus current: orange where the work needs closer collaboration, \
             grey where it is about right, purple where the collaboration is closer than the work needs.",
            names.len(),
            plural(names.len()),
            if names.is_empty() { "" } else { ": " },
            names.join(", ")
        )];
        if map.ties.is_empty() {
            parts.push("No tie is shown.".to_owned());
        } else {
            parts.push("Ties:".to_owned());
            parts.extend(map.ties.iter().map(tie_words));
        }
        if !map.organisations.is_empty() {
            parts.push("Organisations:".to_owned());
            parts.extend(map.organisations.iter().map(|o| {
                format!(
                    "{}: rates {} partner{}, rated by {}; seen as {} by those who rate it, sees its ties at \
                     {}; mean need gap {}.",
                    o.name,
                    o.out_ties,
                    plural_u(o.out_ties),
                    o.in_ties,
                    shown(o.seen_as),
                    shown(o.sees),
                    signed(o.need_gap, 1)
                )
            }));
        }
        let mismatched: Vec<String> = map
            .pairs
            .iter()
            .filter(|p| p.mismatched)
            .map(|p| {
                format!(
                    "{} and {} ({} against {}, a gap of {})",
                    p.first,
                    p.second,
                    shown(p.first_to_second),
                    shown(p.second_to_first),
                    shown(p.reciprocity_gap)
                )
            })
            .collect();
        parts.push(if mismatched.is_empty() {
            format!(
                "No pair is mismatched (sees their collaboration {MISMATCH_LEVELS} or more levels apart)."
            )
        } else {
            format!(
                "Mismatched, seeing their collaboration {} or more levels apart: {}.",
                MISMATCH_LEVELS,
                mismatched.join("; ")
            )
        });
        let over: Vec<String> = map
            .pairs
            .iter()
            .filter(|p| p.over_collaborating)
            .map(|p| format!("{} and {}", p.first, p.second))
            .collect();
        parts.push(if over.is_empty() {
            "No pair is over-collaborating (both directions needing less than they have).".to_owned()
        } else {
            format!("Over-collaborating, both directions needing less than they have: {}.", over.join("; "))
        });
        let net = &map.network;
        if net.ordered_pairs > 0 {
            let density: Vec<String> = net
                .density
                .iter()
                .map(|d| format!("{} at level {} or closer", share(d.density), d.level))
                .collect();
            parts.push(format!(
                "Density, the share of the {} ordered pairs of organisations with a tie: {}.",
                net.ordered_pairs,
                density.join(", ")
            ));
        }
        parts.push(format!(
            "{} of {} pair{} with both ties shown {} mismatched ({}); {} over-collaborating.",
            net.mismatched_pairs,
            net.reciprocal_pairs,
            plural_u(net.reciprocal_pairs),
            if net.mismatched_pairs == 1 { "is" } else { "are" },
            share(net.mismatched_share),
            net.over_collaborating_pairs
        ));
        parts.push(suppressed_words(map));
        parts.join(" ")
    }

    /// The diagram as a standalone SVG document (no XML declaration, so it
    /// can also be inlined in HTML).
    pub fn to_svg(&self) -> String {
        let mut m = Markup::new();
        self.write(&mut m);
        m.nl();
        m.finish()
    }

    /// Writes the diagram into a document.
    pub(crate) fn write(&self, m: &mut Markup) {
        let (width, height) = (number(Self::WIDTH), number(Self::HEIGHT));
        super::svg::open_figure(m, "network", (&width, &height), &self.title(), &self.description());
        m.open(
            "text",
            &[
                ("x", &coord(Self::CENTRE_X)),
                ("y", "36"),
                ("text-anchor", "middle"),
                ("font-size", "19"),
                ("font-weight", "bold"),
                ("fill", p::INK),
                ("class", "chart-title"),
            ],
        );
        // A title set is a string from input: isolated, as a `<bdi>` would
        // be in HTML, so that right-to-left letters in it cannot reorder
        // the text around it.
        match &self.title {
            Some(text) => m.element("tspan", &[("unicode-bidi", "isolate")], text),
            None => m.text(&self.default_title()),
        };
        m.close("text").nl();
        let note = suppressed_words(&self.map);
        m.element(
            "text",
            &[
                ("x", &coord(Self::CENTRE_X)),
                ("y", "60"),
                ("text-anchor", "middle"),
                ("font-size", "13"),
                ("fill", p::MUTED),
                ("class", "suppressed-note"),
            ],
            &note,
        )
        .nl();
        let places = self.places();
        self.write_pair_lines(m, &places);
        self.write_ties(m, &places);
        self.write_pair_badges(m, &places);
        self.write_organisations(m, &places);
        write_legend(m, self.map.ties.len() <= MAX_LABELLED_TIES);
        m.close("svg");
    }

    /// Where each organisation's node is, in the map's order.
    fn places(&self) -> Vec<(f64, f64)> {
        let n = self.map.organisations.len();
        // Counts of organisations are far below 2^52.
        #[allow(clippy::cast_precision_loss)]
        let count = n as f64;
        (0..n)
            .map(|i| {
                if n == 1 {
                    return (Self::CENTRE_X, Self::CENTRE_Y);
                }
                #[allow(clippy::cast_precision_loss)]
                let angle = (-90.0 + 360.0 * i as f64 / count).to_radians();
                (Self::CENTRE_X + Self::RADIUS * angle.cos(), Self::CENTRE_Y + Self::RADIUS * angle.sin())
            })
            .collect()
    }

    /// The node of the organisation called `name`.
    fn place(&self, places: &[(f64, f64)], name: &str) -> Option<(f64, f64)> {
        let i = self.map.organisations.iter().position(|o| o.name == name)?;
        places.get(i).copied()
    }

    /// The pair of a tie's two organisations.
    fn pair_of(&self, tie: &PartnerTie) -> Option<&PartnerPair> {
        self.map.pair(&tie.from, &tie.to)
    }

    /// A dashed line between the two organisations of each mismatched pair,
    /// under the ties.
    fn write_pair_lines(&self, m: &mut Markup, places: &[(f64, f64)]) {
        for pair in self.map.pairs.iter().filter(|p| p.mismatched) {
            let (Some(a), Some(b)) = (self.place(places, &pair.first), self.place(places, &pair.second))
            else {
                continue;
            };
            let Some((ux, uy)) = unit(b.0 - a.0, b.1 - a.1) else { continue };
            m.leaf(
                "line",
                &[
                    ("class", "mismatch-line"),
                    ("x1", &coord(a.0 + NODE * ux)),
                    ("y1", &coord(a.1 + NODE * uy)),
                    ("x2", &coord(b.0 - NODE * ux)),
                    ("y2", &coord(b.1 - NODE * uy)),
                    ("stroke", p::INK),
                    ("stroke-width", "1.5"),
                    ("stroke-dasharray", "7 5"),
                ],
            )
            .nl();
        }
    }

    /// Each tie: its curve, arrowhead and label.
    fn write_ties(&self, m: &mut Markup, places: &[(f64, f64)]) {
        let labelled = self.map.ties.len() <= MAX_LABELLED_TIES;
        m.open("g", &[("class", "ties")]).nl();
        for tie in &self.map.ties {
            let (Some(a), Some(b)) = (self.place(places, &tie.from), self.place(places, &tie.to)) else {
                continue;
            };
            let Some(geometry) = Curve::between(a, b, width(tie.current)) else { continue };
            let pair = self.pair_of(tie);
            let mut class = "tie".to_owned();
            if pair.is_some_and(|p| p.mismatched) {
                class.push_str(" mismatched");
            }
            if pair.is_some_and(|p| p.over_collaborating) {
                class.push_str(" over-collaborating");
            }
            let (colour, step) = gap_colour(tie.need_gap);
            class.push(' ');
            class.push_str(step);
            let (raters, current, needed, gap) = (
                tie.raters.to_string(),
                tie.current.to_string(),
                tie.needed.to_string(),
                tie.need_gap.to_string(),
            );
            m.open(
                "g",
                &[
                    ("class", &class),
                    ("data-from", &tie.from),
                    ("data-to", &tie.to),
                    ("data-raters", &raters),
                    ("data-current", &current),
                    ("data-needed", &needed),
                    ("data-need-gap", &gap),
                ],
            )
            .nl();
            m.element("title", &[], &tie_words(tie)).nl();
            m.leaf(
                "path",
                &[
                    ("class", "tie-line"),
                    ("d", &geometry.path()),
                    ("fill", "none"),
                    ("stroke", colour),
                    ("stroke-width", &coord(geometry.width)),
                    ("stroke-linecap", "butt"),
                ],
            )
            .nl();
            m.leaf("polygon", &[("class", "arrowhead"), ("points", &geometry.arrowhead()), ("fill", colour)])
                .nl();
            let label = format!("{} → {}", shown(Some(tie.current)), shown(Some(tie.needed)));
            let (lx, ly) = geometry.label(text_width(&label) * 12.0 / 13.0 / 2.0);
            if labelled {
                m.element(
                    "text",
                    &[
                        ("class", "tie-label"),
                        ("x", &coord(lx)),
                        ("y", &coord(ly + 4.0)),
                        ("text-anchor", "middle"),
                        ("font-size", "12"),
                        ("fill", p::INK),
                        ("stroke", p::PAPER),
                        ("stroke-width", "4"),
                        ("stroke-linejoin", "round"),
                        ("paint-order", "stroke"),
                    ],
                    &label,
                )
                .nl();
            }
            m.close("g").nl();
        }
        m.close("g").nl();
    }

    /// A badge at the middle of each mismatched or over-collaborating pair.
    fn write_pair_badges(&self, m: &mut Markup, places: &[(f64, f64)]) {
        for pair in self.map.pairs.iter().filter(|p| p.mismatched || p.over_collaborating) {
            let (Some(one), Some(other)) =
                (self.place(places, &pair.first), self.place(places, &pair.second))
            else {
                continue;
            };
            let (x, y) = (f64::midpoint(one.0, other.0), f64::midpoint(one.1, other.1));
            let mut marks = Vec::new();
            if pair.mismatched {
                marks.push(Badge::Mismatched);
            }
            if pair.over_collaborating {
                marks.push(Badge::Over);
            }
            // Two badges side by side, along the pair's line.
            let Some((ux, uy)) = unit(other.0 - one.0, other.1 - one.1) else { continue };
            #[allow(clippy::cast_precision_loss)] // at most two
            let count = marks.len() as f64;
            #[allow(clippy::cast_precision_loss)]
            let offset = |k: usize| (k as f64 - (count - 1.0) / 2.0) * 26.0;
            for (k, badge) in marks.into_iter().enumerate() {
                let (bx, by) = (x + offset(k) * ux, y + offset(k) * uy);
                m.open(
                    "g",
                    &[("class", badge.class()), ("data-first", &pair.first), ("data-second", &pair.second)],
                )
                .nl();
                m.element("title", &[], &badge.words(pair)).nl();
                write_badge(m, badge, bx, by);
                m.close("g").nl();
            }
        }
    }

    /// Each organisation's node and label.
    fn write_organisations(&self, m: &mut Markup, places: &[(f64, f64)]) {
        let n = self.map.organisations.len();
        for (organisation, &(x, y)) in self.map.organisations.iter().zip(places) {
            m.open("g", &[("class", "organisation"), ("data-name", &organisation.name)]).nl();
            m.leaf(
                "circle",
                &[
                    ("cx", &coord(x)),
                    ("cy", &coord(y)),
                    ("r", &number(NODE)),
                    ("fill", p::HEADER_BG),
                    ("stroke", p::SERIES),
                    ("stroke-width", "2.5"),
                ],
            )
            .nl();
            let mut lines: Vec<(String, bool)> =
                name_lines(&organisation.name).into_iter().map(|l| (l, true)).collect();
            lines.push((
                format!("seen as {} · sees {}", shown(organisation.seen_as), shown(organisation.sees)),
                false,
            ));
            // The label outside the node, away from the centre; a lone
            // organisation's below it.
            let (cos, sin) = if n == 1 {
                (0.0, 1.0)
            } else {
                unit(x - Self::CENTRE_X, y - Self::CENTRE_Y).unwrap_or((0.0, 1.0))
            };
            let reach = NODE + 12.0;
            let (ax, ay) = (x + reach * cos, y + reach * sin);
            let anchor = if cos > 0.3 {
                "start"
            } else if cos < -0.3 {
                "end"
            } else {
                "middle"
            };
            let count = f64::from(u8::try_from(lines.len()).unwrap_or(u8::MAX));
            let first = if sin < -0.7 {
                ay - 4.0 - (count - 1.0) * LINE
            } else if sin > 0.7 {
                ay + 12.0
            } else {
                ay + 5.0 - (count - 1.0) * LINE / 2.0
            };
            m.open("g", &[("class", "label"), ("text-anchor", anchor)]).nl();
            let styled = lines.iter().map(|(text, is_name)| {
                let (size, weight, fill) =
                    if *is_name { ("14", "bold", p::INK) } else { ("12", "normal", p::MUTED) };
                (text.as_ref(), size, weight, fill)
            });
            super::svg::label_lines(m, ax, first, styled);
            m.close("g").nl();
            m.close("g").nl();
        }
    }
}

/// One tie in words: "City Council to Community Voice: 2 raters, current
/// 6.0, needed 6.5, need gap +0.5; trust 4.5 (2 ratings), value 4.5 (2
/// ratings)."
fn tie_words(tie: &PartnerTie) -> String {
    let rating = |label: &str, mean: Option<f64>, n: u64| match mean {
        Some(_) => format!("{label} {} ({n} rating{})", shown(mean), plural_u(n)),
        None if n == 0 => format!("{label} not rated"),
        None => format!("{label} withheld ({n} rating{})", plural_u(n)),
    };
    format!(
        "{} to {}: {} rater{}, current {}, needed {}, need gap {}; {}, {}.",
        tie.from,
        tie.to,
        tie.raters,
        plural_u(tie.raters),
        shown(Some(tie.current)),
        shown(Some(tie.needed)),
        signed(Some(tie.need_gap), 1),
        rating("trust", tie.trust, tie.trust_raters),
        rating("value", tie.value, tie.value_raters)
    )
}

/// What is suppressed, in words.
fn suppressed_words(map: &PartnerMap) -> String {
    let k = map.min_partner_raters;
    match map.suppressed_ties {
        0 if k <= 1 => {
            "Ratings are given on behalf of organisations, not anonymously; no tie is suppressed.".to_owned()
        }
        0 => format!("Ties of fewer than {k} raters are suppressed; none is."),
        1 => format!("1 tie is suppressed: rated by fewer than {k} respondents."),
        s => format!("{s} ties are suppressed: each rated by fewer than {k} respondents."),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn plural_u(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A dimension for people and attributes: `900`, or `62.5`.
fn number(value: f64) -> String {
    format!("{value}")
}

/// The width of a tie's line: 1.5 × its current level, clamped to the
/// spectrum (a level that is not finite draws as 1).
fn width(current: f64) -> f64 {
    let level = if current.is_finite() { current.clamp(1.0, 7.0) } else { 1.0 };
    1.5 * level
}

/// The colour of a need gap, and the class naming its step.
fn gap_colour(gap: f64) -> (&'static str, &'static str) {
    match gap {
        g if g >= 1.5 => (p::GAP_MUCH_CLOSER, "gap-much-closer"),
        g if g >= 0.5 => (p::GAP_CLOSER, "gap-closer"),
        g if g > -0.5 => (p::GAP_NONE, "gap-none"),
        g if g > -1.5 => (p::GAP_LESS, "gap-less"),
        g if g <= -1.5 => (p::GAP_MUCH_LESS, "gap-much-less"),
        // NaN: no gap to show.
        _ => (p::GAP_NONE, "gap-none"),
    }
}

/// The unit vector along (dx, dy), unless it has no length.
fn unit(dx: f64, dy: f64) -> Option<(f64, f64)> {
    let length = dx.hypot(dy);
    (length > 1e-9 && length.is_finite()).then(|| (dx / length, dy / length))
}

/// A tie's curve: a quadratic Bézier from just outside the rating
/// organisation's node to the tip of the arrowhead just outside the
/// partner's, bowed to one side.
#[derive(Clone, Copy, Debug)]
struct Curve {
    start: (f64, f64),
    control: (f64, f64),
    tip: (f64, f64),
    /// The line's width.
    width: f64,
    /// The unit vector the arrow points along at its tip.
    direction: (f64, f64),
    /// The unit normal to the side the curve bows to.
    normal: (f64, f64),
}

impl Curve {
    fn between(a: (f64, f64), b: (f64, f64), width: f64) -> Option<Self> {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (ux, uy) = unit(dx, dy)?;
        let distance = dx.hypot(dy);
        // The left of the direction of travel, as seen on the page (y
        // points down): B→A then bows to the other side.
        let normal = (uy, -ux);
        let bow = (0.13 * distance).max(24.0);
        let control = (f64::midpoint(a.0, b.0) + bow * normal.0, f64::midpoint(a.1, b.1) + bow * normal.1);
        let (sx, sy) = unit(control.0 - a.0, control.1 - a.1)?;
        let start = (a.0 + (NODE + 3.0) * sx, a.1 + (NODE + 3.0) * sy);
        let (tx, ty) = unit(control.0 - b.0, control.1 - b.1)?;
        let tip = (b.0 + (NODE + 4.0) * tx, b.1 + (NODE + 4.0) * ty);
        let direction = unit(tip.0 - control.0, tip.1 - control.1)?;
        Some(Self { start, control, tip, width, direction, normal })
    }

    /// The arrowhead's length.
    fn head(&self) -> f64 {
        9.0 + 1.4 * self.width
    }

    /// The path of the line, ending at the arrowhead's base.
    fn path(&self) -> String {
        let head = self.head() - 1.0;
        let end = (self.tip.0 - head * self.direction.0, self.tip.1 - head * self.direction.1);
        format!(
            "M{},{} Q{},{} {},{}",
            coord(self.start.0),
            coord(self.start.1),
            coord(self.control.0),
            coord(self.control.1),
            coord(end.0),
            coord(end.1)
        )
    }

    /// The arrowhead's `points`: a triangle with its tip on `tip`.
    fn arrowhead(&self) -> String {
        let (length, half) = (self.head(), 4.0 + 0.9 * self.width);
        let (dx, dy) = self.direction;
        let base = (self.tip.0 - length * dx, self.tip.1 - length * dy);
        let corners =
            [self.tip, (base.0 - half * dy, base.1 + half * dx), (base.0 + half * dy, base.1 - half * dx)];
        let list: Vec<String> = corners.iter().map(|&(x, y)| format!("{},{}", coord(x), coord(y))).collect();
        list.join(" ")
    }

    /// Where a label `half_width` wide on each side and 7 high on each
    /// side of its centre goes: beside the curve's middle, on its outer
    /// side, clear of the line.
    fn label(&self, half_width: f64) -> (f64, f64) {
        let mid = (
            0.25 * self.start.0 + 0.5 * self.control.0 + 0.25 * self.tip.0,
            0.25 * self.start.1 + 0.5 * self.control.1 + 0.25 * self.tip.1,
        );
        // At its middle the curve runs along the chord, across the normal:
        // the label's box reaches this far along the normal.
        let reach = half_width * self.normal.0.abs() + 7.0 * self.normal.1.abs();
        let out = self.width / 2.0 + 3.0 + reach;
        (mid.0 + out * self.normal.0, mid.1 + out * self.normal.1)
    }
}

/// A mark on a pair.
#[derive(Clone, Copy, Debug)]
enum Badge {
    Mismatched,
    Over,
}

impl Badge {
    fn class(self) -> &'static str {
        match self {
            Self::Mismatched => "pair-mark mismatched",
            Self::Over => "pair-mark over-collaborating",
        }
    }

    fn glyph(self) -> &'static str {
        match self {
            Self::Mismatched => "≠",
            Self::Over => "▼",
        }
    }

    fn words(self, pair: &PartnerPair) -> String {
        match self {
            Self::Mismatched => format!(
                "Mismatched: {} sees {} against {}'s {}.",
                pair.first,
                shown(pair.first_to_second),
                pair.second,
                shown(pair.second_to_first)
            ),
            Self::Over => format!(
                "Over-collaborating: {} and {} both need less than they have.",
                pair.first, pair.second
            ),
        }
    }
}

/// A badge centred on (x, y).
fn write_badge(m: &mut Markup, badge: Badge, x: f64, y: f64) {
    m.leaf(
        "circle",
        &[
            ("cx", &coord(x)),
            ("cy", &coord(y)),
            ("r", "11"),
            ("fill", p::PAPER),
            ("stroke", p::INK),
            ("stroke-width", "2"),
        ],
    )
    .nl();
    let size = match badge {
        Badge::Mismatched => "17",
        Badge::Over => "11",
    };
    let dy = match badge {
        Badge::Mismatched => 6.0,
        Badge::Over => 4.0,
    };
    m.element(
        "text",
        &[
            ("x", &coord(x)),
            ("y", &coord(y + dy)),
            ("text-anchor", "middle"),
            ("font-size", size),
            ("font-weight", "bold"),
            ("fill", p::INK),
        ],
        badge.glyph(),
    )
    .nl();
}

/// The legend, under the circle: the widths, the colours, the marks and
/// the labels.
fn write_legend(m: &mut Markup, labelled: bool) {
    let top = NetworkDiagram::HEIGHT - 172.0;
    let left = 40.0;
    m.open("g", &[("class", "legend"), ("font-size", "13"), ("fill", p::INK)]).nl();
    let heading = |m: &mut Markup, y: f64, text: &str| {
        m.element("text", &[("x", &coord(left)), ("y", &coord(y + 5.0)), ("font-weight", "bold")], text).nl();
    };
    // Widths.
    heading(m, top, "Width: current level");
    let mut x = left + 200.0;
    for level in [CollaborationLevel::Compete, CollaborationLevel::Cooperate, CollaborationLevel::Integrate] {
        let w = width(f64::from(level.level()));
        m.leaf(
            "line",
            &[
                ("x1", &coord(x)),
                ("y1", &coord(top)),
                ("x2", &coord(x + 30.0)),
                ("y2", &coord(top)),
                ("stroke", p::GAP_NONE),
                ("stroke-width", &coord(w)),
            ],
        )
        .nl();
        let text = format!("{} {}", level.level(), level.name().to_lowercase());
        m.element("text", &[("x", &coord(x + 38.0)), ("y", &coord(top + 5.0))], &text).nl();
        x += 38.0 + text_width(&text) + 22.0;
    }
    // Colours.
    let row = top + 32.0;
    heading(m, row, "Colour: needed − current");
    let steps = [
        (p::GAP_MUCH_CLOSER, "+1.5 or more"),
        (p::GAP_CLOSER, "+0.5 to +1.5"),
        (p::GAP_NONE, "about right"),
        (p::GAP_LESS, "−0.5 to −1.5"),
        (p::GAP_MUCH_LESS, "−1.5 or less"),
    ];
    let mut x = left + 200.0;
    for (colour, text) in steps {
        m.leaf(
            "rect",
            &[
                ("x", &coord(x)),
                ("y", &coord(row - 6.0)),
                ("width", "22"),
                ("height", "12"),
                ("fill", colour),
            ],
        )
        .nl();
        m.element("text", &[("x", &coord(x + 28.0)), ("y", &coord(row + 5.0))], text).nl();
        x += 28.0 + text_width(text) + 14.0;
    }
    m.element(
        "text",
        &[("x", &coord(left + 200.0)), ("y", &coord(row + 24.0)), ("font-size", "12"), ("fill", p::MUTED)],
        "orange: the work needs closer collaboration · purple: closer than the work needs",
    )
    .nl();
    // Marks.
    let row = top + 80.0;
    heading(m, row, "Pairs");
    let mut x = left + 200.0;
    for (badge, text) in [
        (Badge::Mismatched, "mismatched: seen 2+ levels apart"),
        (Badge::Over, "over-collaborating: both need less"),
    ] {
        write_badge(m, badge, x + 11.0, row);
        m.element("text", &[("x", &coord(x + 28.0)), ("y", &coord(row + 5.0))], text).nl();
        x += 28.0 + text_width(text) + 22.0;
    }
    // Labels.
    let row = top + 112.0;
    heading(m, row, "Labels");
    let labels = if labelled {
        "6.0 → 6.5: a tie's current → needed level"
    } else {
        "too many ties to label: the description gives each one's levels"
    };
    m.element("text", &[("x", &coord(left + 200.0)), ("y", &coord(row + 5.0))], labels).nl();
    m.element(
        "text",
        &[("x", &coord(left + 200.0)), ("y", &coord(row + 25.0))],
        "seen as: the mean level of the ties to it · sees: of the ties from it",
    )
    .nl();
    m.close("g").nl();
}

/// An organisation's name in lines of at most [`NAME_LINE`] characters,
/// broken between words (a longer word is broken inside), and at most
/// [`NAME_LINES`] lines, the last ending in `…` when the name is cut.
fn name_lines(name: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in name.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let used = line.chars().count();
            let room = if used == 0 { NAME_LINE } else { NAME_LINE.saturating_sub(used + 1) };
            if word.len() <= room {
                if used > 0 {
                    line.push(' ');
                }
                line.extend(word.iter());
                break;
            }
            if used == 0 {
                // A word longer than a line: break it.
                let rest = word.split_off(NAME_LINE);
                lines.push(word.iter().collect());
                word = rest;
            } else {
                lines.push(std::mem::take(&mut line));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > NAME_LINES {
        lines.truncate(NAME_LINES);
        if let Some(last) = lines.last_mut() {
            let kept: String = last.chars().take(NAME_LINE - 1).collect();
            *last = format!("{kept}…");
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// A generous estimate of the width of a line of 13-pixel text.
#[allow(clippy::cast_precision_loss)] // a label's length is far below 2^52
fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * 7.4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_break_into_lines_of_twenty() {
        assert_eq!(name_lines("City Council"), ["City Council"]);
        assert_eq!(name_lines("Riverside Housing Association Ltd"), ["Riverside Housing", "Association Ltd"]);
        assert_eq!(name_lines("Abcdefghijklmnopqrstuvwxyz"), ["Abcdefghijklmnopqrst", "uvwxyz"]);
        let long = "The Quite Extraordinarily Long Named Community Interest Company Of Riverside";
        let lines = name_lines(long);
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
        assert!(lines.last().is_some_and(|l| l.ends_with('…')), "{lines:?}");
        assert_eq!(name_lines(""), [""]);
    }

    #[test]
    fn gaps_fall_in_five_steps() {
        // The boundaries: +1.5 and +0.5 belong to the step above them,
        // −0.5 and −1.5 to the one below.
        let step = |g| gap_colour(g).1;
        assert_eq!(step(3.5), "gap-much-closer");
        assert_eq!(step(1.5), "gap-much-closer");
        assert_eq!(step(1.0), "gap-closer");
        assert_eq!(step(0.5), "gap-closer");
        assert_eq!(step(0.0), "gap-none");
        assert_eq!(step(-0.5), "gap-less");
        assert_eq!(step(-1.5), "gap-much-less");
        assert_eq!(step(f64::NAN), "gap-none");
    }

    #[test]
    fn widths_follow_the_level() {
        assert!((width(1.0) - 1.5).abs() < 1e-12);
        assert!((width(7.0) - 10.5).abs() < 1e-12);
        assert!((width(99.0) - 10.5).abs() < 1e-12);
        assert!((width(f64::NAN) - 1.5).abs() < 1e-12);
    }
}
