//! The radar chart of the six foundations, as SVG.

use super::format::{band_name, coord, finite, shown};
use super::markup::Markup;
use super::palette as p;
use crate::framework::Foundation;
use crate::report::{CompareError, Comparison, GroupReport};
use crate::score::{Band, Bands, Scorecard};

/// Whose scores a radar shows.
#[derive(Clone, Debug, PartialEq)]
enum Subject {
    /// A group report's means.
    Group { respondents: u64 },
    /// One respondent's scorecard.
    Respondent { id: String },
    /// Two group reports, earlier and later.
    Change { earlier: u64, later: u64 },
}

/// One foundation's axis.
#[derive(Clone, Copy, Debug, PartialEq)]
#[allow(clippy::struct_excessive_bools)] // independent facts about one axis
struct Axis {
    foundation: Foundation,
    /// Whether the instrument measures the foundation.
    measured: bool,
    /// The mean, the score, or the later mean.
    value: Option<f64>,
    /// The earlier mean of a comparison.
    earlier: Option<f64>,
    /// The band of `value`.
    band: Option<Band>,
    /// The lowest and highest respondent's score.
    spread: Option<(f64, f64)>,
    divided: bool,
    surface_agreement: bool,
    /// Whether disclosure control withholds the group's figures on it.
    withheld: bool,
}

impl Axis {
    fn unmeasured(foundation: Foundation) -> Self {
        Self {
            foundation,
            measured: false,
            value: None,
            earlier: None,
            band: None,
            spread: None,
            divided: false,
            surface_agreement: false,
            withheld: false,
        }
    }
}

/// A radar chart of the six foundations, as a standalone SVG document: of a
/// group report (the mean polygon, each foundation's spread from the lowest
/// to the highest score, divided views and surface agreement marked), of one
/// respondent's scorecard, or of two group reports over time (both
/// polygons).
///
/// ```
/// use collaboration::{BatchOptions, Instrument, Radar, score_batch};
///
/// let team = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/team.jsonl"))?;
/// let report = score_batch(&team[..], Instrument::builtin(), &BatchOptions::default())?.report;
/// let svg = Radar::from_report(&report).with_title("Riverside Partnership, spring").to_svg();
/// assert!(svg.starts_with("<svg"));
/// assert!(svg.contains("<title id=\"radar-title\">Riverside Partnership, spring</title>"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Geometry
///
/// The SVG's user space is [`Radar::WIDTH`] × [`Radar::HEIGHT`] (760 × 690),
/// also its `width`, `height` and `viewBox`. The centre is
/// ([`Radar::CENTRE_X`], [`Radar::CENTRE_Y`]) = (380, 330) and a score of 100
/// lies at [`Radar::RADIUS`] = 200 from it. Foundation number *n* (1 to 6,
/// the Guide's order) has its axis at the angle −90° + 60° × (*n* − 1),
/// measured clockwise from the positive x axis as SVG's y axis points down:
/// foundation 1 points straight up, foundation 4 straight down. A score *s*
/// is drawn at distance 200 × *s* / 100 along its axis, that is at
/// (380 + 2*s* cos θ, 330 + 2*s* sin θ); scores are clamped to 0–100 for
/// drawing, and a score that is not finite counts as not scored.
/// Coordinates are written with two decimal places.
///
/// # Structure
///
/// The root `<svg>` has `role="img"` and `aria-labelledby` naming its
/// `<title id="radar-title">` and `<desc id="radar-desc">`, which give every
/// score in words. Inside, elements carry classes: six `line.axis` (each
/// with `data-foundation`, the foundation's id), a `polygon.band-ring` per
/// band threshold (each with `data-score`), the `polygon.frame` at 100; the
/// series as `polygon.series` when all six foundations are scored (otherwise
/// a `path.series` joining neighbouring scored axes) with a second class
/// `mean`, `score`, `earlier` or `later`; `line.spread` per foundation with
/// a spread; `path.divided` (with a second class `surface-agreement` where it
/// applies) on divided foundations; and `g.label` per axis. Nothing is
/// scripted.
///
/// Strings from input (a title, a respondent's id, the instrument's id and
/// version) are shown without their bidirectional formatting characters
/// (U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F and U+061C), so that
/// they read in the order they were given; in the `text.chart-title` above
/// the chart, such a string is also in a `tspan` with
/// `unicode-bidi="isolate"`.
///
/// When two radars are inlined in one HTML page their `id`s repeat; use one
/// per page or an `<img>` of each.
#[derive(Clone, Debug, PartialEq)]
pub struct Radar {
    title: Option<String>,
    subject: Subject,
    instrument: String,
    instrument_version: String,
    axes: Vec<Axis>,
    bands: Bands,
}

/// The radar of a group report, as an SVG document: shorthand for
/// [`Radar::from_report`]`(report).`[`to_svg`](Radar::to_svg)`()`.
pub fn radar_svg(report: &GroupReport) -> String {
    Radar::from_report(report).to_svg()
}

/// Line height of the axis labels (and of the network's organisation
/// labels).
pub(crate) const LINE: f64 = 17.0;

/// The lines of a label, one `<text>` each, `LINE` apart from the baseline
/// `y` down, at `x`: each line's text, font size, weight and colour.
pub(crate) fn label_lines<'t>(
    m: &mut Markup,
    x: f64,
    y: f64,
    lines: impl IntoIterator<Item = (&'t str, &'static str, &'static str, &'static str)>,
) {
    let mut y = y;
    for (text, size, weight, fill) in lines {
        m.element(
            "text",
            &[
                ("x", &coord(x)),
                ("y", &coord(y)),
                ("font-size", size),
                ("font-weight", weight),
                ("fill", fill),
            ],
            text,
        )
        .nl();
        y += LINE;
    }
}

/// Opens a figure's `<svg>`, `width` × `height`: an image named by its
/// `<title>` and `<desc>` (ids `{class}-title`, `{class}-desc`), on paper.
pub(crate) fn open_figure(
    m: &mut Markup,
    class: &str,
    (width, height): (&str, &str),
    title: &str,
    desc: &str,
) {
    let view_box = format!("0 0 {width} {height}");
    let (title_id, desc_id) = (format!("{class}-title"), format!("{class}-desc"));
    let labelled_by = format!("{title_id} {desc_id}");
    m.open(
        "svg",
        &[
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("width", width),
            ("height", height),
            ("viewBox", &view_box),
            ("role", "img"),
            ("aria-labelledby", &labelled_by),
            ("font-family", "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"),
            ("class", class),
        ],
    )
    .nl();
    m.element("title", &[("id", &title_id)], title).nl();
    m.element("desc", &[("id", &desc_id)], desc).nl();
    m.leaf("rect", &[("width", width), ("height", height), ("fill", p::PAPER)]).nl();
}

impl Radar {
    /// The width of the chart, in SVG user units (and CSS pixels).
    pub const WIDTH: f64 = 760.0;
    /// The height of the chart.
    pub const HEIGHT: f64 = 690.0;
    /// The x coordinate of the centre.
    pub const CENTRE_X: f64 = 380.0;
    /// The y coordinate of the centre.
    pub const CENTRE_Y: f64 = 330.0;
    /// The distance from the centre of a score of 100.
    pub const RADIUS: f64 = 200.0;

    /// The radar of a group report: the mean of each foundation, its spread
    /// from the lowest to the highest score, and its divided views and
    /// surface agreement.
    pub fn from_report(report: &GroupReport) -> Self {
        let axes = Foundation::iter()
            .map(|foundation| match report.foundation(foundation) {
                Some(s) => Axis {
                    foundation,
                    measured: true,
                    value: finite(s.summary.mean),
                    earlier: None,
                    band: s.band,
                    spread: finite(s.summary.min).zip(finite(s.summary.max)),
                    divided: s.divided,
                    surface_agreement: s.surface_agreement,
                    withheld: s.suppressed && s.summary.n > 0,
                },
                None => Axis::unmeasured(foundation),
            })
            .collect();
        Self {
            title: None,
            subject: Subject::Group { respondents: report.respondents },
            instrument: report.instrument.clone(),
            instrument_version: report.instrument_version.clone(),
            axes,
            bands: report.options.bands,
        }
    }

    /// The radar of one respondent's scorecard: their score on each
    /// foundation.
    ///
    /// ```
    /// use collaboration::{Instrument, Radar, Respondent, Response};
    ///
    /// let hc = Instrument::builtin();
    /// let response = Response::new(hc.id(), Respondent::new("r-07")?)
    ///     .with_answer("shared-learning.1", 4)
    ///     .with_answer("shared-learning.2", 5);
    /// let svg = Radar::from_scorecard(&hc.score(&response)?).to_svg();
    /// assert!(svg.contains("5. Shared learning: 87.5, strength."));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_scorecard(card: &Scorecard) -> Self {
        let axes = Foundation::iter()
            .map(|foundation| match card.foundation(foundation) {
                Some(s) => Axis {
                    measured: true,
                    value: finite(s.score),
                    band: s.band,
                    ..Axis::unmeasured(foundation)
                },
                None => Axis::unmeasured(foundation),
            })
            .collect();
        Self {
            title: None,
            subject: Subject::Respondent { id: card.respondent.id.as_str().to_owned() },
            instrument: card.instrument.clone(),
            instrument_version: card.instrument_version.clone(),
            axes,
            bands: card.options.bands,
        }
    }

    /// The radar of two group reports over time: the earlier means as a
    /// dashed polygon, and the later report as [`Radar::from_report`] draws
    /// it (means, spread, divided views).
    ///
    /// # Errors
    ///
    /// [`CompareError::DifferentInstrument`] when the reports are on
    /// different instruments, as for [`Comparison::of_reports`].
    pub fn from_comparison(earlier: &GroupReport, later: &GroupReport) -> Result<Self, CompareError> {
        Comparison::of_reports(earlier, later)?;
        let mut radar = Self::from_report(later);
        for axis in &mut radar.axes {
            if let Some(stats) = earlier.foundation(axis.foundation) {
                axis.measured = true;
                axis.earlier = finite(stats.summary.mean);
            }
        }
        radar.subject = Subject::Change { earlier: earlier.respondents, later: later.respondents };
        Ok(radar)
    }

    /// Sets the chart's title, shown above it and as its accessible name.
    /// The default names what is shown, e.g. "The six foundations: mean of
    /// 15 respondents".
    #[must_use]
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// The chart's title: the one set, or the default.
    pub fn title(&self) -> String {
        let (words, input) = self.title_parts();
        words + input.unwrap_or_default()
    }

    /// The chart's title in two parts: this crate's words, then the string
    /// from input that ends it, if any (the whole of a title set, or the
    /// respondent's id).
    fn title_parts(&self) -> (String, Option<&str>) {
        if let Some(title) = &self.title {
            return (String::new(), Some(title.as_str()));
        }
        match &self.subject {
            Subject::Group { respondents } => {
                (format!("The six foundations: mean of {respondents} respondents"), None)
            }
            Subject::Respondent { id } => ("The six foundations: respondent ".to_owned(), Some(id.as_str())),
            Subject::Change { earlier, later } => {
                (format!("The six foundations over time: {earlier} respondents earlier, {later} later"), None)
            }
        }
    }

    /// The chart in words, as its `<desc>` gives it: every foundation's
    /// score, band, spread and views, then what the rings mark.
    pub fn description(&self) -> String {
        let intro = match &self.subject {
            Subject::Group { respondents } => format!(
                "Mean scores out of 100 of {respondents} respondents on the six foundations, in the \
                 Guide's order, with the lowest and highest score"
            ),
            Subject::Respondent { id } => {
                format!("Scores out of 100 of respondent {id} on the six foundations, in the Guide's order")
            }
            Subject::Change { earlier, later } => format!(
                "Mean scores out of 100 on the six foundations, in the Guide's order: earlier \
                 ({earlier} respondents), then later ({later} respondents), with the later lowest and \
                 highest score"
            ),
        };
        let mut parts =
            vec![format!("{intro} (instrument {} version {}).", self.instrument, self.instrument_version)];
        parts.extend(self.axes.iter().map(|axis| self.axis_words(axis)));
        parts.push(format!(
            "The rings mark the bands: priority below {}, developing from {}, strength from {}.",
            threshold(self.bands.developing()),
            threshold(self.bands.developing()),
            threshold(self.bands.strength())
        ));
        parts.join(" ")
    }

    /// One axis in words, e.g. "5. Shared learning: 33.3, priority; from
    /// 25.0 to 50.0."
    fn axis_words(&self, axis: &Axis) -> String {
        let name = format!("{}. {}:", axis.foundation.number(), axis.foundation.name());
        if !axis.measured {
            return format!("{name} not measured.");
        }
        let value = match (&self.subject, axis.value) {
            (Subject::Change { .. }, _) => format!("{} then {}", shown(axis.earlier), shown(axis.value)),
            (_, Some(_)) => shown(axis.value),
            (_, None) if axis.withheld => "withheld (too few respondents)".to_owned(),
            (_, None) => "not scored".to_owned(),
        };
        let band = axis.band.map(|b| format!(", {}", b.id())).unwrap_or_default();
        let spread = axis.spread.map(|(min, max)| format!("; from {min:.1} to {max:.1}")).unwrap_or_default();
        let views = if axis.surface_agreement {
            "; views divided, yet the mean looks healthy: surface agreement"
        } else if axis.divided {
            "; views divided"
        } else {
            ""
        };
        format!("{name} {value}{band}{spread}{views}.")
    }

    /// The chart as a standalone SVG document (no XML declaration, so it
    /// can also be inlined in HTML).
    pub fn to_svg(&self) -> String {
        let mut m = Markup::new();
        self.write(&mut m);
        m.nl();
        m.finish()
    }

    /// Writes the chart into a document.
    pub(crate) fn write(&self, m: &mut Markup) {
        let (width, height) = (threshold(Self::WIDTH), threshold(Self::HEIGHT));
        open_figure(m, "radar", (&width, &height), &self.title(), &self.description());
        // The string from input in the title is isolated, as a `<bdi>` would
        // be in HTML, so that right-to-left letters in it cannot reorder
        // the words before it (its bidi controls are already gone).
        let (words, input) = self.title_parts();
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
        )
        .text(&words);
        if let Some(input) = input {
            m.element("tspan", &[("unicode-bidi", "isolate")], input);
        }
        m.close("text").nl();
        self.write_grid(m);
        self.write_spreads(m);
        if matches!(self.subject, Subject::Change { .. }) {
            write_series(m, &self.axes.iter().map(|a| a.earlier).collect::<Vec<_>>(), "series earlier", true);
        }
        let class = match self.subject {
            Subject::Group { .. } => "series mean",
            Subject::Respondent { .. } => "series score",
            Subject::Change { .. } => "series later",
        };
        write_series(m, &self.axes.iter().map(|a| a.value).collect::<Vec<_>>(), class, false);
        self.write_markers(m);
        self.write_labels(m);
        self.write_legend(m);
        m.close("svg");
    }

    /// Band zones, rings, the frame, the axes and the ring labels.
    fn write_grid(&self, m: &mut Markup) {
        let (developing, strength) = (self.bands.developing(), self.bands.strength());
        m.open("g", &[("class", "grid")]).nl();
        for (score, fill, class) in [
            (100.0, p::STRENGTH_BG, "zone strength"),
            (strength, p::DEVELOPING_BG, "zone developing"),
            (developing, p::PRIORITY_BG, "zone priority"),
        ] {
            m.leaf("polygon", &[("class", class), ("points", &hexagon(score)), ("fill", fill)]).nl();
        }
        for foundation in Foundation::iter() {
            let (x, y) = point(foundation, 100.0);
            m.leaf(
                "line",
                &[
                    ("class", "axis"),
                    ("data-foundation", foundation.id()),
                    ("x1", &coord(Self::CENTRE_X)),
                    ("y1", &coord(Self::CENTRE_Y)),
                    ("x2", &coord(x)),
                    ("y2", &coord(y)),
                    ("stroke", p::GRID),
                    ("stroke-width", "1"),
                ],
            )
            .nl();
        }
        for score in [developing, strength] {
            m.leaf(
                "polygon",
                &[
                    ("class", "band-ring"),
                    ("data-score", &threshold(score)),
                    ("points", &hexagon(score)),
                    ("fill", "none"),
                    ("stroke", p::GRID),
                    ("stroke-width", "1.5"),
                    ("stroke-dasharray", "5 3"),
                ],
            )
            .nl();
        }
        m.leaf(
            "polygon",
            &[
                ("class", "frame"),
                ("points", &hexagon(100.0)),
                ("fill", "none"),
                ("stroke", p::GRID),
                ("stroke-width", "1.5"),
            ],
        )
        .nl();
        // Each ring's score, along its edge between foundations 6 and 1,
        // just outside it: the edge's midpoint lies at r cos 30° from the
        // centre, at −120°; the text runs along the edge, at −30°.
        for score in [developing, strength, 100.0] {
            let out = Self::RADIUS * score.clamp(0.0, 100.0) / 100.0 * 30f64.to_radians().cos() + 3.0;
            let angle = (-120f64).to_radians();
            let (x, y) = (Self::CENTRE_X + out * angle.cos(), Self::CENTRE_Y + out * angle.sin());
            m.element(
                "text",
                &[
                    ("class", "ring-label"),
                    ("x", &coord(x)),
                    ("y", &coord(y)),
                    ("transform", &format!("rotate(-30 {} {})", coord(x), coord(y))),
                    ("text-anchor", "middle"),
                    ("font-size", "11"),
                    ("fill", p::INK),
                ],
                &threshold(score),
            )
            .nl();
        }
        m.close("g").nl();
    }

    /// Each foundation's spread from its lowest to its highest score, with
    /// a tick at each end.
    fn write_spreads(&self, m: &mut Markup) {
        if self.axes.iter().all(|a| a.spread.is_none()) {
            return;
        }
        m.open("g", &[("class", "spreads"), ("stroke", p::INK)]).nl();
        for axis in &self.axes {
            let Some((min, max)) = axis.spread else { continue };
            let (x1, y1) = point(axis.foundation, min);
            let (x2, y2) = point(axis.foundation, max);
            let (min_text, max_text) = (format!("{min:.1}"), format!("{max:.1}"));
            m.leaf(
                "line",
                &[
                    ("class", "spread"),
                    ("data-foundation", axis.foundation.id()),
                    ("data-min", &min_text),
                    ("data-max", &max_text),
                    ("x1", &coord(x1)),
                    ("y1", &coord(y1)),
                    ("x2", &coord(x2)),
                    ("y2", &coord(y2)),
                    ("stroke-width", "6"),
                    ("stroke-opacity", "0.35"),
                ],
            )
            .nl();
            // The axis's direction is (cos θ, sin θ); a tick runs across it.
            let (cos, sin) = direction(axis.foundation);
            for (x, y) in [(x1, y1), (x2, y2)] {
                m.leaf(
                    "line",
                    &[
                        ("class", "spread-end"),
                        ("x1", &coord(x - 7.0 * sin)),
                        ("y1", &coord(y + 7.0 * cos)),
                        ("x2", &coord(x + 7.0 * sin)),
                        ("y2", &coord(y - 7.0 * cos)),
                        ("stroke-width", "2"),
                    ],
                )
                .nl();
            }
        }
        m.close("g").nl();
    }

    /// A diamond on every divided foundation's vertex, doubled where the
    /// agreement is only on the surface.
    fn write_markers(&self, m: &mut Markup) {
        for axis in self.axes.iter().filter(|a| a.divided) {
            let Some(value) = axis.value else { continue };
            let (x, y) = point(axis.foundation, value);
            let (class, d) = if axis.surface_agreement {
                ("divided surface-agreement", format!("{} {}", diamond(x, y, 10.0), diamond(x, y, 16.0)))
            } else {
                ("divided", diamond(x, y, 10.0))
            };
            m.leaf(
                "path",
                &[
                    ("class", class),
                    ("data-foundation", axis.foundation.id()),
                    ("d", &d),
                    ("fill", "none"),
                    ("stroke", p::WARN),
                    ("stroke-width", "2.5"),
                ],
            )
            .nl();
        }
    }

    /// Each axis's label: the foundation's number and name, its score and
    /// band, and whether views are divided.
    fn write_labels(&self, m: &mut Markup) {
        for axis in &self.axes {
            let mut lines: Vec<(String, Style)> =
                name_lines(axis.foundation).into_iter().map(|l| (l, Style::Name)).collect();
            lines.push((self.value_line(axis), Style::Value));
            if axis.surface_agreement {
                lines.push(("surface agreement".to_owned(), Style::Warn));
            } else if axis.divided {
                lines.push(("views divided".to_owned(), Style::Warn));
            }
            let (cos, sin) = direction(axis.foundation);
            let (ax, ay) =
                (Self::CENTRE_X + (Self::RADIUS + 16.0) * cos, Self::CENTRE_Y + (Self::RADIUS + 16.0) * sin);
            let anchor = if cos > 0.1 {
                "start"
            } else if cos < -0.1 {
                "end"
            } else {
                "middle"
            };
            let count = f64::from(u8::try_from(lines.len()).unwrap_or(u8::MAX));
            // The first baseline: above the top vertex the block ends there,
            // below the bottom one it starts there, at the sides it is centred.
            let first = if sin < -0.9 {
                ay - 4.0 - (count - 1.0) * LINE
            } else if sin > 0.9 {
                ay + 14.0
            } else {
                ay + 5.0 - (count - 1.0) * LINE / 2.0
            };
            m.open(
                "g",
                &[("class", "label"), ("data-foundation", axis.foundation.id()), ("text-anchor", anchor)],
            )
            .nl();
            let styled = lines.iter().map(|(text, style)| {
                let (size, weight, fill) = match style {
                    Style::Name => ("14", "bold", p::INK),
                    Style::Value => ("13", "normal", p::INK),
                    Style::Warn => ("13", "bold", p::WARN),
                };
                (text.as_ref(), size, weight, fill)
            });
            label_lines(m, ax, first, styled);
            m.close("g").nl();
        }
    }

    /// The score line of an axis label.
    fn value_line(&self, axis: &Axis) -> String {
        if !axis.measured {
            return "not measured".to_owned();
        }
        let band = axis.band.map(|b| format!(" · {}", band_name(b))).unwrap_or_default();
        match (&self.subject, axis.value) {
            (Subject::Change { .. }, _) => {
                format!("{} → {}{band}", shown(axis.earlier), shown(axis.value))
            }
            (_, Some(value)) => format!("{value:.1}{band}"),
            (_, None) if axis.withheld => "withheld".to_owned(),
            (_, None) => "not scored".to_owned(),
        }
    }

    /// The legend: what the lines and marks mean, then the bands.
    fn write_legend(&self, m: &mut Markup) {
        let mut marks: Vec<(Swatch, String)> = Vec::new();
        match self.subject {
            Subject::Group { .. } => marks.push((Swatch::Series { dashed: false }, "Group mean".to_owned())),
            Subject::Respondent { .. } => marks.push((Swatch::Series { dashed: false }, "Score".to_owned())),
            Subject::Change { .. } => {
                marks.push((Swatch::Series { dashed: true }, "Earlier".to_owned()));
                marks.push((Swatch::Series { dashed: false }, "Later".to_owned()));
            }
        }
        if self.axes.iter().any(|a| a.spread.is_some()) {
            marks.push((Swatch::Spread, "Lowest to highest".to_owned()));
        }
        if !matches!(self.subject, Subject::Respondent { .. }) {
            marks.push((Swatch::Divided, "Views divided".to_owned()));
            marks.push((Swatch::Surface, "Surface agreement".to_owned()));
        }
        let (developing, strength) = (threshold(self.bands.developing()), threshold(self.bands.strength()));
        let zones = vec![
            (Swatch::Zone(p::STRENGTH_BG), format!("Strength: {strength} and above")),
            (Swatch::Zone(p::DEVELOPING_BG), format!("Developing: {developing} to {strength}")),
            (Swatch::Zone(p::PRIORITY_BG), format!("Priority: below {developing}")),
        ];
        m.open("g", &[("class", "legend"), ("font-size", "13"), ("fill", p::INK)]).nl();
        for (row, y) in [(marks, Self::HEIGHT - 56.0), (zones, Self::HEIGHT - 26.0)] {
            let widths: Vec<f64> = row.iter().map(|(_, text)| 28.0 + text_width(text)).collect();
            // Items 24 apart, or closer when the row would not fit.
            let items: f64 = widths.iter().sum();
            let gaps = widths.iter().skip(1).map(|_| 1.0).sum::<f64>();
            let gap = if gaps > 0.0 { ((Self::WIDTH - 20.0 - items) / gaps).clamp(8.0, 24.0) } else { 0.0 };
            let mut x = (Self::WIDTH - items - gap * gaps) / 2.0;
            for ((swatch, text), width) in row.iter().zip(widths) {
                write_swatch(m, *swatch, x, y);
                m.element("text", &[("x", &coord(x + 28.0)), ("y", &coord(y + 5.0))], text).nl();
                x += width + gap;
            }
        }
        m.close("g").nl();
    }
}

/// How a line of an axis label is set.
#[derive(Clone, Copy, Debug)]
enum Style {
    Name,
    Value,
    Warn,
}

/// A legend's sample of a mark.
#[derive(Clone, Copy, Debug)]
enum Swatch {
    Series { dashed: bool },
    Spread,
    Divided,
    Surface,
    Zone(&'static str),
}

/// Draws a swatch 22 wide, centred vertically on `y`, from `x`.
fn write_swatch(m: &mut Markup, swatch: Swatch, x: f64, y: f64) {
    match swatch {
        Swatch::Series { dashed } => {
            let (colour, dash) = if dashed { (p::EARLIER, "6 4") } else { (p::SERIES, "none") };
            m.leaf(
                "line",
                &[
                    ("x1", &coord(x)),
                    ("y1", &coord(y)),
                    ("x2", &coord(x + 22.0)),
                    ("y2", &coord(y)),
                    ("stroke", colour),
                    ("stroke-width", "3"),
                    ("stroke-dasharray", dash),
                ],
            );
        }
        Swatch::Spread => {
            m.leaf(
                "line",
                &[
                    ("x1", &coord(x)),
                    ("y1", &coord(y)),
                    ("x2", &coord(x + 22.0)),
                    ("y2", &coord(y)),
                    ("stroke", p::INK),
                    ("stroke-width", "6"),
                    ("stroke-opacity", "0.35"),
                ],
            );
        }
        Swatch::Divided | Swatch::Surface => {
            let d = if matches!(swatch, Swatch::Surface) {
                format!("{} {}", diamond(x + 11.0, y, 5.0), diamond(x + 11.0, y, 9.0))
            } else {
                diamond(x + 11.0, y, 7.0)
            };
            m.leaf("path", &[("d", &d), ("fill", "none"), ("stroke", p::WARN), ("stroke-width", "2")]);
        }
        Swatch::Zone(fill) => {
            m.leaf(
                "rect",
                &[
                    ("x", &coord(x)),
                    ("y", &coord(y - 8.0)),
                    ("width", "22"),
                    ("height", "16"),
                    ("fill", fill),
                    ("stroke", p::GRID),
                ],
            );
        }
    }
    m.nl();
}

/// One series: a polygon when every axis has a value, otherwise a path
/// joining neighbouring axes that both have one; a dot on every value.
fn write_series(m: &mut Markup, values: &[Option<f64>], class: &'static str, earlier: bool) {
    let points: Vec<Option<(f64, f64)>> = Foundation::iter()
        .zip(values)
        .map(|(foundation, value)| finite(*value).map(|v| point(foundation, v)))
        .collect();
    if points.iter().all(Option::is_none) {
        return;
    }
    let (colour, fill_opacity, dash, width) =
        if earlier { (p::EARLIER, "0", "6 4", "2.5") } else { (p::SERIES, "0.15", "none", "2.5") };
    let fill = if earlier { "none" } else { colour };
    m.open("g", &[("class", class)]).nl();
    let complete: Option<Vec<(f64, f64)>> = points.iter().copied().collect();
    if let Some(all) = complete {
        let list: Vec<String> = all.iter().map(|&(x, y)| format!("{},{}", coord(x), coord(y))).collect();
        m.leaf(
            "polygon",
            &[
                ("class", class),
                ("points", &list.join(" ")),
                ("fill", fill),
                ("fill-opacity", fill_opacity),
                ("stroke", colour),
                ("stroke-width", width),
                ("stroke-dasharray", dash),
                ("stroke-linejoin", "round"),
            ],
        )
        .nl();
    } else {
        // Each scored axis to the next one round, when that is scored too.
        let next = points.iter().cycle().skip(1);
        let d: Vec<String> = points
            .iter()
            .zip(next)
            .filter_map(|(a, b)| {
                let ((x1, y1), (x2, y2)) = ((*a)?, (*b)?);
                Some(format!("M{},{} L{},{}", coord(x1), coord(y1), coord(x2), coord(y2)))
            })
            .collect();
        if !d.is_empty() {
            m.leaf(
                "path",
                &[
                    ("class", class),
                    ("d", &d.join(" ")),
                    ("fill", "none"),
                    ("stroke", colour),
                    ("stroke-width", width),
                    ("stroke-dasharray", dash),
                    ("stroke-linecap", "round"),
                ],
            )
            .nl();
        }
    }
    let radius = if earlier { "3.5" } else { "4.5" };
    for (x, y) in points.into_iter().flatten() {
        m.leaf(
            "circle",
            &[
                ("class", "vertex"),
                ("cx", &coord(x)),
                ("cy", &coord(y)),
                ("r", radius),
                ("fill", colour),
                ("stroke", p::PAPER),
                ("stroke-width", "1.5"),
            ],
        )
        .nl();
    }
    m.close("g").nl();
}

/// The unit vector along a foundation's axis: angle −90° + 60° × (n − 1).
fn direction(foundation: Foundation) -> (f64, f64) {
    let angle = (-90.0 + 60.0 * f64::from(foundation.number().saturating_sub(1))).to_radians();
    (angle.cos(), angle.sin())
}

/// Where a score lies on a foundation's axis, clamped to 0–100.
fn point(foundation: Foundation, score: f64) -> (f64, f64) {
    let (cos, sin) = direction(foundation);
    let r = Radar::RADIUS * score.clamp(0.0, 100.0) / 100.0;
    (Radar::CENTRE_X + r * cos, Radar::CENTRE_Y + r * sin)
}

/// The `points` of the hexagon through a score on every axis.
fn hexagon(score: f64) -> String {
    let points: Vec<String> = Foundation::iter()
        .map(|f| {
            let (x, y) = point(f, score);
            format!("{},{}", coord(x), coord(y))
        })
        .collect();
    points.join(" ")
}

/// A closed diamond path centred on (x, y), `r` from centre to corner.
fn diamond(x: f64, y: f64, r: f64) -> String {
    format!(
        "M{},{} L{},{} L{},{} L{},{} Z",
        coord(x),
        coord(y - r),
        coord(x + r),
        coord(y),
        coord(x),
        coord(y + r),
        coord(x - r),
        coord(y)
    )
}

/// A band threshold for people: `75`, or `62.5`.
fn threshold(score: f64) -> String {
    format!("{score}")
}

/// A foundation's number and name in one line, or two balanced lines when
/// longer than 18 characters.
fn name_lines(foundation: Foundation) -> Vec<String> {
    let full = format!("{}. {}", foundation.number(), foundation.name());
    if full.chars().count() <= 18 {
        return vec![full];
    }
    let words: Vec<&str> = full.split(' ').collect();
    (1..words.len())
        .map(|k| {
            let (head, tail) = words.split_at(k);
            (head.join(" "), tail.join(" "))
        })
        .min_by_key(|(a, b)| a.chars().count().max(b.chars().count()))
        .map_or_else(|| vec![full.clone()], |(a, b)| vec![a, b])
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
    fn long_names_break_into_balanced_lines() {
        assert_eq!(name_lines(Foundation::SharedLearning), ["5. Shared learning"]);
        assert_eq!(
            name_lines(Foundation::HealthyTrustingRelationships),
            ["2. Healthy, trusting", "relationships"]
        );
        assert_eq!(name_lines(Foundation::SharedVisionAndPurpose), ["3. Shared vision", "and purpose"]);
        assert_eq!(
            name_lines(Foundation::CollaborativeInfrastructure),
            ["6. Collaborative", "infrastructure"]
        );
    }

    #[test]
    fn thresholds_print_without_needless_decimals() {
        assert_eq!(threshold(75.0), "75");
        assert_eq!(threshold(62.5), "62.5");
    }
}
