//! The standalone HTML report.

use std::sync::LazyLock;

use super::format::{
    band_name, capital, change_detail, difference, finite, interval, interval_to, noise, noise_parts,
    reversal, share as percent, shown, signed, two, voice_gap_test,
};
use super::markup::Markup;
use super::network::NetworkDiagram;
use super::palette as p;
use super::svg::Radar;
use crate::framework::{CollaborationLevel, Foundation, Role};
use crate::instrument::Instrument;
use crate::report::{
    ChangeTest, CompareError, Comparison, FoundationStats, GroupReport, Grouping, MISMATCH_LEVELS,
    MisconceptionPrevalence, PartnerMap, PowerSide,
};
use crate::score::Band;

/// The stylesheet, with `$name` for the palette's colours: inline, no fonts
/// or images to fetch, and a print layout.
///
/// On a narrow screen: a word too long for its line breaks anywhere. In a
/// table only a name from input does (`.name`), and its cell keeps at least
/// 7em, so that a table is not squeezed into words broken letter by letter:
/// a table wider than the page scrolls in its `.table-scroll` box instead,
/// and so does the radar below 36rem, where its labels would be too small
/// to read. In print nothing scrolls.
const CSS_TEMPLATE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem; color: $ink; background: $paper;
  font: 1rem/1.5 "DejaVu Sans", Verdana, Arial, Helvetica, sans-serif; }
h1 { font-size: 1.8rem; line-height: 1.25; margin: 0 0 .4rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid $series; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
h1, h2, h3, p, li, caption, figcaption { overflow-wrap: anywhere; }
a { color: $series; }
.meta, .note, figcaption { color: $muted; }
figure { margin: 1rem 0; }
.chart-scroll, .table-scroll { overflow-x: auto; }
.chart-scroll:focus-visible, .table-scroll:focus-visible { outline: 2px solid $series; outline-offset: 2px; }
svg.radar, svg.network { display: block; max-width: 100%; min-width: 36rem; height: auto; margin: 0 auto; }
.table-scroll { margin: .6rem 0 1rem; container-type: inline-size; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; max-width: 100cqi; position: sticky; left: 0; }
th, td { border: 1px solid $grid; padding: .3rem .4rem; text-align: left; vertical-align: top; }
th.name, td.name { overflow-wrap: anywhere; min-width: 7em; }
thead th { background: $header-bg; color: $ink; vertical-align: bottom; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.band { display: inline-block; padding: 0 .4rem; border-radius: .25rem; font-weight: bold; font-size: .9em; }
.band-strength { background: $strength-bg; color: $strength-ink; }
.band-developing { background: $developing-bg; color: $developing-ink; }
.band-priority { background: $priority-bg; color: $priority-ink; }
td.heat { font-weight: bold; }
td.tie { font-weight: bold; }
.tie-detail, .tie-mark { display: block; font-size: .8em; }
.tie-detail { font-weight: normal; }
td.self, td.absent { color: $muted; font-style: italic; }
.heat-word { display: block; font-size: .8em; font-weight: normal; }
.p { white-space: nowrap; }
.beyond { font-weight: bold; }
.warn { color: $warn; font-weight: bold; }
.glossary dt { font-weight: bold; margin-top: .6rem; }
.glossary dd { margin: 0 0 0 1.5rem; }
.references li { margin-bottom: .3rem; }
details { margin: .6rem 0 1rem; }
summary { cursor: pointer; font-weight: bold; }
.suppressed { color: $muted; font-style: italic; }
.agenda > li { margin-bottom: 1.4rem; }
.agenda h3 { margin-top: 0; }
.agenda .heading { font-style: italic; }
.bar { display: inline-block; height: .7rem; background: $series; vertical-align: middle; margin-left: .4rem; }
footer { margin-top: 3rem; border-top: 1px solid $grid; padding-top: .6rem; font-size: .9rem; color: $muted; }
@media print {
  @page { margin: 15mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  .chart-scroll, .table-scroll { overflow: visible; }
  svg.radar, svg.network { min-width: 0; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure, tr, .agenda > li { break-inside: avoid; page-break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The stylesheet with the palette's colours.
static CSS: LazyLock<String> = LazyLock::new(|| {
    [
        ("$strength-bg", p::STRENGTH_BG),
        ("$strength-ink", p::STRENGTH_INK),
        ("$developing-bg", p::DEVELOPING_BG),
        ("$developing-ink", p::DEVELOPING_INK),
        ("$priority-bg", p::PRIORITY_BG),
        ("$priority-ink", p::PRIORITY_INK),
        ("$header-bg", p::HEADER_BG),
        ("$ink", p::INK),
        ("$paper", p::PAPER),
        ("$series", p::SERIES),
        ("$muted", p::MUTED),
        ("$grid", p::GRID),
        ("$warn", p::WARN),
    ]
    .iter()
    .fold(CSS_TEMPLATE.to_owned(), |css, (name, colour)| css.replace(name, colour))
        + &level_css()
});

/// The partner matrix's shades, one rule per level of the spectrum.
fn level_css() -> String {
    use std::fmt::Write as _;
    let mut css = String::new();
    for (i, colour) in p::LEVEL_BG.iter().enumerate() {
        let _ = writeln!(css, "td.level-{} {{ background: {colour}; }}", i + 1);
    }
    css
}

/// A standalone HTML report of a group report: one file with no external
/// assets and no scripts, to open in any browser, print, or put on the
/// wall for the conversation the Guide recommends.
///
/// It holds, in order: the [`Radar`]; per-foundation statistics with bands;
/// the priorities, each with the foundation's reflection questions as the
/// agenda for the conversation; divided views; perspectives by segment, with
/// suppressed segments' figures withheld; power and the voice gap; the
/// misconceptions held, with their reality; the collaboration spectrum;
/// with [`HtmlReport::with_earlier`], the change over time; and any
/// responses that were not scored.
///
/// It is accessible (a `lang`, one `h1` and nested headings, the chart's
/// text alternative, real tables with captions and `<th scope>`, text
/// contrast of at least 4.5:1, and nothing conveyed by colour alone) and
/// print-friendly (an `@media print` stylesheet). Every string from input
/// (organisation names, segment names, instrument ids, versions, titles and
/// sources) is escaped, so it shows as the text it is, without
/// bidirectional formatting characters (so a right-to-left override cannot
/// make one organisation's name look like another's), and isolated in a
/// `<bdi>` (where an element can go: not in the `<title>`). It reads on a
/// narrow screen: long names wrap anywhere, each table scrolls sideways in
/// a box of its own (a `div.table-scroll`, a region named by the table's
/// caption that the keyboard can reach), and so does the radar below its
/// smallest readable size.
///
/// ```
/// use collaboration::{BatchOptions, HtmlReport, Instrument, score_batch};
///
/// let hc = Instrument::builtin();
/// let team = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/team.jsonl"))?;
/// let report = score_batch(&team[..], hc, &BatchOptions::default())?.report;
/// let html = HtmlReport::new(&report)
///     .with_title("Riverside Partnership: <spring> review")
///     .with_instrument(hc)
///     .to_html();
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// assert!(html.contains("<h1><bdi>Riverside Partnership: &lt;spring&gt; review</bdi></h1>"));
/// assert!(!html.contains("<script"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct HtmlReport<'a> {
    report: &'a GroupReport,
    title: Option<String>,
    instrument: Option<(String, String)>,
    earlier: Option<(&'a GroupReport, Comparison)>,
}

/// The HTML report of a group report with the default title: shorthand for
/// [`HtmlReport::new`]`(report).`[`to_html`](HtmlReport::to_html)`()`.
pub fn html_report(report: &GroupReport) -> String {
    HtmlReport::new(report).to_html()
}

impl<'a> HtmlReport<'a> {
    /// A report of `report`.
    pub fn new(report: &'a GroupReport) -> Self {
        Self { report, title: None, instrument: None, earlier: None }
    }

    /// Sets the title, shown as the page's title and heading; by default
    /// "Collaboration health check: group report".
    #[must_use]
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Names the instrument the report was scored on, by its title and
    /// source; without it, the report gives only the instrument's id and
    /// version, which the group report holds.
    #[must_use]
    pub fn with_instrument(mut self, instrument: &Instrument) -> Self {
        self.instrument = Some((instrument.title().to_owned(), instrument.source().to_owned()));
        self
    }

    /// Adds an earlier report of the same instrument: the radar then shows
    /// both polygons, and a section gives the change per foundation.
    ///
    /// # Errors
    ///
    /// [`CompareError::DifferentInstrument`] when the reports are on
    /// different instruments.
    pub fn with_earlier(mut self, earlier: &'a GroupReport) -> Result<Self, CompareError> {
        let comparison = Comparison::of_reports(earlier, self.report)?;
        self.earlier = Some((earlier, comparison));
        Ok(self)
    }

    /// The report's title: the one set, or the default.
    pub fn title(&self) -> &str {
        self.title.as_deref().unwrap_or("Collaboration health check: group report")
    }

    /// The radar the report shows.
    fn radar(&self) -> Radar {
        match self.earlier {
            Some((earlier, _)) => Radar::from_comparison(earlier, self.report)
                .unwrap_or_else(|_| Radar::from_report(self.report)),
            None => Radar::from_report(self.report),
        }
    }

    /// The whole report as one HTML document.
    pub fn to_html(&self) -> String {
        let mut m = Markup::new();
        m.trusted("<!DOCTYPE html>\n");
        m.open("html", &[("lang", "en-GB")]).nl();
        m.open("head", &[]).nl();
        m.leaf("meta", &[("charset", "utf-8")]).nl();
        m.leaf("meta", &[("name", "viewport"), ("content", "width=device-width, initial-scale=1")]).nl();
        m.leaf("meta", &[("name", "generator"), ("content", GENERATOR)]).nl();
        m.element("title", &[], self.title()).nl();
        m.open("style", &[]).trusted(&CSS).close("style").nl();
        m.close("head").nl();
        m.open("body", &[]).nl();
        self.write_header(&mut m);
        self.write_contents(&mut m);
        m.open("main", &[]).nl();
        if self.report.suppressed {
            self.write_suppressed(&mut m);
            self.write_partners(&mut m);
            m.close("main").nl();
            write_footer(&mut m);
            m.close("body").nl();
            m.close("html").nl();
            return m.finish();
        }
        self.write_glance(&mut m);
        self.write_foundations(&mut m);
        self.write_priorities(&mut m);
        self.write_divided(&mut m);
        self.write_perspectives(&mut m);
        self.write_power(&mut m);
        self.write_misconceptions(&mut m);
        self.write_spectrum(&mut m);
        self.write_partners(&mut m);
        self.write_change(&mut m);
        write_how_to_read(&mut m);
        m.close("main").nl();
        write_footer(&mut m);
        m.close("body").nl();
        m.close("html").nl();
        m.finish()
    }

    fn write_header(&self, m: &mut Markup) {
        let r = self.report;
        m.open("header", &[]).nl();
        match &self.title {
            Some(title) => m.open("h1", &[]).user_text(title).close("h1"),
            None => m.element("h1", &[], self.title()),
        }
        .nl();
        m.open("p", &[("class", "meta")]).text(&r.respondents.to_string()).text(" respondents");
        if let Some((e, _)) = &self.earlier {
            m.text(&format!(", compared with an earlier {} respondents", e.respondents));
        }
        m.text("; ");
        if let Some((title, _)) = &self.instrument {
            m.text("“").user_text(title).text("” (");
        }
        m.text("instrument ").user_text(&r.instrument).text(" version ").user_text(&r.instrument_version);
        if self.instrument.is_some() {
            m.text(")");
        }
        m.text(".").close("p").nl();
        if let Some((_, source)) = &self.instrument
            && !source.is_empty()
        {
            m.open("p", &[("class", "meta")]).text("Source: ").user_text(source).close("p").nl();
        }
        m.close("header").nl();
    }

    fn sections(&self) -> Vec<(&'static str, &'static str)> {
        let partners = ("partners", "The partner map");
        if self.report.suppressed {
            let mut sections = vec![("suppressed", "Too few respondents to show")];
            if self.report.partners.is_some() {
                sections.push(partners);
            }
            return sections;
        }
        let mut sections = vec![
            ("at-a-glance", "The six foundations at a glance"),
            ("foundations", "Foundations"),
            ("priorities", "Priorities for the conversation"),
            ("divided", "Divided views"),
            ("perspectives", "Perspectives by segment"),
        ];
        // Only what the instrument measures.
        if self.report.power.is_some() {
            sections.push(("power", "Power and the voice gap"));
        }
        if !self.report.misconceptions.is_empty() {
            sections.push(("misconceptions", "Misconceptions held"));
        }
        if self.report.spectrum.is_some() {
            sections.push(("spectrum", "The collaboration spectrum"));
        }
        if self.report.partners.is_some() {
            sections.push(partners);
        }
        if self.earlier.is_some() {
            sections.push(("change", "Change over time"));
        }
        sections.push(("how-to-read", "How to read these figures"));
        sections
    }

    fn write_contents(&self, m: &mut Markup) {
        m.open("nav", &[("aria-label", "Contents")]).nl();
        m.open("ol", &[]).nl();
        for (id, heading) in self.sections() {
            m.open("li", &[]).element("a", &[("href", &format!("#{id}"))], heading).close("li").nl();
        }
        m.close("ol").nl();
        m.close("nav").nl();
    }

    /// The whole of a report with fewer than `min_segment` respondents:
    /// why nothing is shown, and the counts.
    fn write_suppressed(&self, m: &mut Markup) {
        let r = self.report;
        open_section(m, "suppressed", "Too few respondents to show");
        m.element(
            "p",
            &[],
            &format!(
                "This report has {} respondents, fewer than the {} it needs to show any figure without \
                 singling someone out, so it shows counts only.",
                r.respondents, r.options.min_segment
            ),
        )
        .nl();
        open_table(m, "Respondents scored per foundation");
        header_row(m, &[Col::T("Foundation"), Col::N("Scored")]);
        m.open("tbody", &[]).nl();
        for s in &r.foundations {
            m.open("tr", &[]);
            m.element("th", &[("scope", "row")], &numbered(s.foundation));
            num_cell(m, &s.summary.n.to_string());
            m.close("tr").nl();
        }
        m.close("tbody").nl();
        close_table(m);
        m.close("section").nl();
    }

    fn write_glance(&self, m: &mut Markup) {
        open_section(m, "at-a-glance", "The six foundations at a glance");
        m.open("figure", &[]).nl();
        let radar = self.radar();
        // Below its smallest readable size the chart scrolls sideways in a
        // box of its own, which the keyboard can reach.
        m.open(
            "div",
            &[
                ("class", "chart-scroll"),
                ("role", "region"),
                ("aria-label", &radar.title()),
                ("tabindex", "0"),
            ],
        )
        .nl();
        radar.write(m);
        m.nl().close("div").nl();
        let mut caption = format!(
            "Each axis is one of the Guide's six foundations, scored out of 100 from the centre. The \
             shaded rings are the bands: priority below {}, developing from {}, strength from {}. The \
             polygon joins the mean scores; the grey bar on each axis runs from the lowest to the \
             highest score; a diamond marks divided views, a double diamond surface agreement.",
            self.report.options.bands.developing(),
            self.report.options.bands.developing(),
            self.report.options.bands.strength()
        );
        if self.earlier.is_some() {
            caption.push_str(" The dashed polygon is the earlier report's means.");
        }
        caption.push_str(" The tables below give every figure.");
        m.element("figcaption", &[], &caption).nl();
        m.close("figure").nl();
        m.close("section").nl();
    }

    fn write_foundations(&self, m: &mut Markup) {
        let r = self.report;
        open_section(m, "foundations", "Foundations");
        open_table(m, &format!("Scores out of 100 per foundation, over the {} respondents", r.respondents));
        header_row(
            m,
            &[
                Col::T("Foundation"),
                Col::N("Scored"),
                Col::N("Mean"),
                Col::N("95% interval"),
                Col::N("SD"),
                Col::N("Median"),
                Col::N("Lowest"),
                Col::N("Highest"),
                Col::T("Band"),
            ],
        );
        m.open("tbody", &[]).nl();
        let min_segment = r.options.min_segment;
        for s in &r.foundations {
            m.open("tr", &[]);
            m.element("th", &[("scope", "row")], &numbered(s.foundation));
            num_cell(m, &s.summary.n.to_string());
            if s.suppressed {
                withheld_cells(m, s.summary.n, min_segment, 7);
                m.close("tr").nl();
                continue;
            }
            num_cell(m, &shown(s.summary.mean));
            num_cell(m, &interval(s.ci95, 1));
            num_cell(m, &shown(s.summary.sd));
            num_cell(m, &shown(s.summary.median));
            num_cell(m, &shown(s.summary.min));
            num_cell(m, &shown(s.summary.max));
            band_cell(m, s.band);
            m.close("tr").nl();
        }
        let o = &r.overall;
        m.open("tr", &[]);
        m.element("th", &[("scope", "row")], "Overall");
        num_cell(m, &o.summary.n.to_string());
        if o.suppressed {
            withheld_cells(m, o.summary.n, min_segment, 7);
        } else {
            num_cell(m, &shown(o.summary.mean));
            num_cell(m, &interval(o.ci95, 1));
            num_cell(m, &shown(o.summary.sd));
            num_cell(m, &shown(o.summary.median));
            num_cell(m, &shown(o.summary.min));
            num_cell(m, &shown(o.summary.max));
            band_cell(m, o.band);
        }
        m.close("tr").nl();
        m.close("tbody").nl();
        close_table(m);
        m.element(
            "p",
            &[("class", "note")],
            "Scored: the respondents who answered at least half of the foundation's items. The 95% \
             interval is Student's t interval of the mean: a wide one says the mean is uncertain.",
        )
        .nl();

        open_table(m, "Agreement and consistency per foundation");
        header_row(
            m,
            &[
                Col::T("Foundation"),
                Col::N("Alpha"),
                Col::N("Answered every item"),
                Col::N("rwg(j)"),
                Col::N("AD"),
                Col::T("Views"),
            ],
        );
        m.open("tbody", &[]).nl();
        for s in &r.foundations {
            m.open("tr", &[]);
            m.element("th", &[("scope", "row")], &numbered(s.foundation));
            if s.suppressed {
                withheld_cells(m, s.summary.n, min_segment, 5);
                m.close("tr").nl();
                continue;
            }
            let reliability = s.reliability.as_ref();
            num_cell(m, &two(reliability.and_then(|r| r.alpha)));
            num_cell(m, &reliability.map_or_else(|| "—".to_owned(), |r| r.complete.to_string()));
            num_cell(m, &two(s.rwg));
            num_cell(m, &two(s.ad));
            views_cell(m, s);
            m.close("tr").nl();
        }
        m.close("tbody").nl();
        close_table(m);
        m.element(
            "p",
            &[("class", "note")],
            "Alpha is how well the foundation's items hang together (Cronbach 1951), over the respondents \
             who answered every item. rwg(j) is the within-group agreement (James, Demaree & Wolf 1984), \
             from 0 (none) to 1 (full); views are divided when it is below 0.70. AD is Burke's average \
             deviation of the answers on the answer scale. Surface agreement: views are divided, yet the \
             mean looks healthy.",
        )
        .nl();
        self.write_items(m);
        m.close("section").nl();
    }

    /// How each item was answered, folded away under a `<details>`.
    fn write_items(&self, m: &mut Markup) {
        let items = &self.report.items;
        let points = items.iter().map(|i| i.counts.len()).max().unwrap_or(0);
        if items.is_empty() {
            return;
        }
        m.open("details", &[]).nl();
        m.element("summary", &[], "How each item was answered").nl();
        open_table(m, "Answers per item: how many gave each point of the scale (before reverse keying)");
        m.open("thead", &[]).open("tr", &[]);
        m.element("th", &[("scope", "col")], "Item");
        for point in 1..=points {
            m.element("th", &[("scope", "col"), ("class", "num")], &point.to_string());
        }
        m.element("th", &[("scope", "col"), ("class", "num")], "n/a");
        m.element("th", &[("scope", "col"), ("class", "num")], "Not answered");
        m.close("tr").close("thead").nl();
        m.open("tbody", &[]).nl();
        for item in items {
            m.open("tr", &[]);
            m.open("th", &[("scope", "row"), ("class", "name")]).user_text(&item.item).close("th");
            if item.suppressed {
                let span = points.max(1).to_string();
                m.element("td", &[("class", "num suppressed"), ("colspan", &span)], "withheld");
            } else {
                for point in 0..points {
                    num_cell(m, &item.counts.get(point).map_or_else(String::new, u64::to_string));
                }
            }
            num_cell(m, &item.not_applicable.to_string());
            num_cell(m, &item.missing.to_string());
            m.close("tr").nl();
        }
        m.close("tbody").nl();
        close_table(m);
        m.close("details").nl();
    }

    fn write_priorities(&self, m: &mut Markup) {
        open_section(m, "priorities", "Priorities for the conversation");
        if self.report.priorities.is_empty() {
            m.element("p", &[], "No foundation was scored.").nl();
            m.close("section").nl();
            return;
        }
        m.element(
            "p",
            &[],
            "The foundations, lowest mean first: an agenda for making sense of the results together. \
             The Guide's reflection questions for each are the questions to discuss.",
        )
        .nl();
        m.open("ol", &[("class", "agenda")]).nl();
        for priority in &self.report.priorities {
            let f = priority.foundation;
            m.open("li", &[]).nl();
            m.open("h3", &[]).text(f.name()).text(" ");
            band_badge(m, priority.band);
            m.close("h3").nl();
            let divided = if priority.divided { "; views are divided" } else { "" };
            m.open("p", &[])
                .text(&format!("Mean {:.1}{divided}. ", priority.mean))
                .element("span", &[("class", "heading")], f.heading())
                .text(&format!(": {}", f.summary()))
                .close("p")
                .nl();
            m.open("ul", &[("aria-label", &format!("Reflection questions on {}", f.name()))]).nl();
            for question in f.reflection_questions() {
                m.element("li", &[], question.text).nl();
            }
            m.close("ul").nl();
            m.close("li").nl();
        }
        m.close("ol").nl();
        m.close("section").nl();
    }

    fn write_divided(&self, m: &mut Markup) {
        open_section(m, "divided", "Divided views");
        let divided: Vec<&FoundationStats> = self.report.divided().collect();
        if divided.is_empty() {
            m.element(
                "p",
                &[],
                "No foundation has divided views: rwg(j) is at least 0.70 wherever it is known.",
            )
            .nl();
            m.close("section").nl();
            return;
        }
        m.element(
            "p",
            &[],
            "On these foundations people answered very differently (rwg(j) below 0.70): the mean hides \
             the difference, so talk about it.",
        )
        .nl();
        m.open("ul", &[]).nl();
        for s in divided {
            m.open("li", &[]);
            m.element("strong", &[], s.foundation.name());
            m.text(&format!(
                ": rwg(j) {}, AD {}; scores from {} to {}, mean {}.",
                two(s.rwg),
                two(s.ad),
                shown(s.summary.min),
                shown(s.summary.max),
                shown(s.summary.mean)
            ));
            if s.surface_agreement {
                m.text(" ").element("span", &[("class", "warn")], "Surface agreement:").text(
                    " the mean looks healthy, but the agreement may be only on the surface (the \
                     Article's misconception that collaboration feels harmonious).",
                );
            }
            m.close("li").nl();
        }
        m.close("ul").nl();
        m.close("section").nl();
    }

    fn write_perspectives(&self, m: &mut Markup) {
        let segments = &self.report.segments;
        open_section(m, "perspectives", "Perspectives by segment");
        m.element(
            "p",
            &[],
            &format!(
                "Mean scores by system role, by organisation, and by whether respondents hold a \
                 structural power source. Segments of fewer than {} respondents are suppressed, and so \
                 is any figure that, taken with the others, would reveal fewer than that many people: \
                 those are marked “withheld”.",
                self.report.options.min_segment
            ),
        )
        .nl();
        for (title, grouping, kind) in [
            ("By role", &segments.by_role, Kind::Role),
            ("By organisation", &segments.by_organisation, Kind::Organisation),
            ("By structural power", &segments.by_power, Kind::Power),
        ] {
            m.element("h3", &[], title).nl();
            self.write_grouping(m, grouping, kind, self.report.options.min_segment);
        }
        m.close("section").nl();
    }

    fn write_grouping(&self, m: &mut Markup, grouping: &Grouping, kind: Kind, min_segment: usize) {
        if grouping.segments.is_empty() {
            m.element("p", &[], "No respondent gave this.").nl();
            return;
        }
        let foundations: Vec<Foundation> = self.report.foundations.iter().map(|s| s.foundation).collect();
        // The organisations' table is a heat map: each mean shaded by its
        // band, with the band's word in the cell.
        let heat = matches!(kind, Kind::Organisation);
        if heat {
            m.element(
                "p",
                &[("class", "note")],
                "Each mean is shaded by its band, and names it: strength, developing or priority.",
            )
            .nl();
        }
        open_table(m, &format!("Mean score per foundation, {}", kind.caption()));
        m.open("thead", &[]).open("tr", &[]);
        m.element("th", &[("scope", "col")], kind.column());
        m.element("th", &[("scope", "col"), ("class", "num")], "Respondents");
        for f in &foundations {
            m.element("th", &[("scope", "col"), ("class", "num")], &numbered(*f));
        }
        m.close("tr").close("thead").nl();
        m.open("tbody", &[]).nl();
        let columns = (foundations.len() + 1).to_string();
        for segment in &grouping.segments {
            m.open("tr", &[]);
            m.open("th", &[("scope", "row"), ("class", "name")])
                .user_text(&kind.name(&segment.segment))
                .close("th");
            if segment.suppressed {
                m.element(
                    "td",
                    &[("colspan", &columns), ("class", "suppressed")],
                    &format!("Suppressed: fewer than {min_segment} respondents"),
                );
            } else {
                num_cell(m, &segment.respondents.map_or_else(|| "—".to_owned(), |n| n.to_string()));
                for f in &foundations {
                    let scored = self.report.foundation(*f).is_some_and(|s| s.summary.n > 0);
                    match segment.foundations.iter().find(|s| s.foundation == *f) {
                        Some(cell) if cell.suppressed && scored => {
                            m.element("td", &[("class", "num suppressed")], "withheld");
                        }
                        cell => match finite(cell.and_then(|s| s.mean)) {
                            Some(mean) if heat => heat_cell(m, mean, self.report.options.bands.band(mean)),
                            mean => num_cell(m, &shown(mean)),
                        },
                    }
                }
            }
            m.close("tr").nl();
        }
        m.close("tbody").nl();
        close_table(m);
        write_differences(m, grouping);

        let gaps: Vec<_> = grouping.perspective_gaps.iter().filter(|g| finite(g.gap).is_some()).collect();
        if gaps.is_empty() {
            return;
        }
        open_table(m, &format!("Perspective gaps {}: the highest minus the lowest mean", kind.caption()));
        header_row(m, &[Col::T("Foundation"), Col::N("Gap"), Col::T("Lowest"), Col::T("Highest")]);
        m.open("tbody", &[]).nl();
        for gap in gaps {
            m.open("tr", &[]);
            m.element("th", &[("scope", "row")], &numbered(gap.foundation));
            num_cell(m, &shown(gap.gap));
            for segment in [&gap.lowest, &gap.highest] {
                match segment {
                    Some(segment) => {
                        m.open("td", &[("class", "name")]).user_text(&kind.name(segment)).close("td")
                    }
                    None => m.element("td", &[], "—"),
                };
            }
            m.close("tr").nl();
        }
        m.close("tbody").nl();
        close_table(m);
    }

    fn write_power(&self, m: &mut Markup) {
        let Some(power) = &self.report.power else { return };
        let min_segment = self.report.options.min_segment;
        open_section(m, "power", "Power and the voice gap");
        m.element(
            "p",
            &[],
            &format!(
                "Mean power score {} over {} respondents, out of 100; higher is healthier. {}",
                shown(power.summary.mean),
                power.summary.n,
                reversal(&power.reversed)
            ),
        )
        .nl();
        open_table(m, "Power score by structural power (financial, knowledge, positional or networks)");
        header_row(
            m,
            &[
                Col::T("Respondents"),
                Col::N("How many"),
                Col::N("With a power score"),
                Col::N("Mean power score"),
            ],
        );
        m.open("tbody", &[]).nl();
        for (name, side) in [("Holding structural power", &power.holders), ("Holding none", &power.others)] {
            m.open("tr", &[]);
            m.element("th", &[("scope", "row")], name);
            write_side(m, side, min_segment);
            m.close("tr").nl();
        }
        m.close("tbody").nl();
        close_table(m);
        let gap = match finite(power.voice_gap) {
            Some(gap) if gap > 0.0 => format!(
                "Voice gap: {gap:+.1}. Those who hold structural power feel more able to act than those \
                 who hold none: ask whose voice shapes the work."
            ),
            Some(gap) => format!(
                "Voice gap: {gap:+.1}. Those who hold structural power do not feel more able to act than \
                 those who hold none."
            ),
            None => format!(
                "Voice gap not shown: it needs at least {min_segment} respondents with a power score on \
                 each side."
            ),
        };
        m.element("p", &[], &gap).nl();
        if let Some(test) = power.voice_gap_test.as_ref().and_then(voice_gap_test) {
            m.element("p", &[], &test).nl();
        }
        m.close("section").nl();
    }

    fn write_misconceptions(&self, m: &mut Markup) {
        if self.report.misconceptions.is_empty() {
            return;
        }
        open_section(m, "misconceptions", "Misconceptions held");
        let mut held: Vec<&MisconceptionPrevalence> =
            self.report.misconceptions.iter().filter(|m| m.held.is_some_and(|h| h > 0)).collect();
        held.sort_by(|a, b| share(b).total_cmp(&share(a)));
        let none: Vec<&MisconceptionPrevalence> =
            self.report.misconceptions.iter().filter(|m| m.held == Some(0)).collect();
        let withheld: Vec<&MisconceptionPrevalence> =
            self.report.misconceptions.iter().filter(|m| m.held.is_none() && m.answered > 0).collect();
        if self.report.misconceptions.is_empty() {
            m.element("p", &[], "The instrument asks about no misconception.").nl();
        } else if self.report.misconceptions.iter().all(|m| m.answered == 0) {
            m.element("p", &[], "No respondent answered the misconception statements.").nl();
        }
        if !held.is_empty() {
            m.element(
                "p",
                &[],
                "The Article's common misconceptions about collaboration that respondents agreed with, \
                 most widely held first, with the reality of each.",
            )
            .nl();
            open_table(m, "Misconceptions held, and their reality");
            header_row(
                m,
                &[Col::T("Misconception"), Col::N("Held by"), Col::N("Share"), Col::T("The reality")],
            );
            m.open("tbody", &[]).nl();
            for prevalence in held {
                let misconception = prevalence.misconception;
                m.open("tr", &[]);
                m.element("th", &[("scope", "row")], &format!("“{}”", misconception.claim()));
                num_cell(m, &format!("{} of {}", prevalence.held.unwrap_or_default(), prevalence.answered));
                num_cell(m, &percent(prevalence.share));
                m.element("td", &[], misconception.reality());
                m.close("tr").nl();
            }
            m.close("tbody").nl();
            close_table(m);
        }
        if !none.is_empty() {
            let claims: Vec<String> = none.iter().map(|m| format!("“{}”", m.misconception.claim())).collect();
            m.element("p", &[], &format!("Held by no one who answered: {}.", claims.join("; "))).nl();
        }
        if !withheld.is_empty() {
            let claims: Vec<String> =
                withheld.iter().map(|m| format!("“{}”", m.misconception.claim())).collect();
            m.element(
                "p",
                &[("class", "suppressed")],
                &format!(
                    "Withheld, answered by fewer than {}: {}.",
                    self.report.options.min_segment,
                    claims.join("; ")
                ),
            )
            .nl();
        }
        m.close("section").nl();
    }

    fn write_spectrum(&self, m: &mut Markup) {
        let Some(spectrum) = &self.report.spectrum else { return };
        open_section(m, "spectrum", "The collaboration spectrum");
        m.element(
            "p",
            &[],
            "Where respondents place the collaboration now, and where its work needs it to be. Closer is \
             not always better: the work decides.",
        )
        .nl();
        let most = spectrum.current.iter().chain(&spectrum.needed).map(|c| c.count).max().unwrap_or(0);
        open_table(m, "Respondents per level of the spectrum");
        header_row(m, &[Col::T("Level"), Col::T("What it means"), Col::N("Now"), Col::N("Needed")]);
        m.open("tbody", &[]).nl();
        for (now, needed) in spectrum.current.iter().zip(&spectrum.needed) {
            m.open("tr", &[]);
            m.element("th", &[("scope", "row")], &format!("{}. {}", now.level.level(), now.level.name()));
            m.element("td", &[], now.level.meaning());
            count_cell(m, now.count, most);
            count_cell(m, needed.count, most);
            m.close("tr").nl();
        }
        m.close("tbody").nl();
        close_table(m);
        let gap = match finite(spectrum.mean_gap) {
            Some(gap) => format!(
                "Mean gap (needed − now): {gap:+.2} levels, over the {} respondents who answered both.",
                spectrum.answered_both
            ),
            None => "No respondent placed the collaboration both now and as needed.".to_owned(),
        };
        m.element("p", &[], &gap).nl();
        m.close("section").nl();
    }

    /// The partner map: the network, the matrix, the pairs and the
    /// organisations, with how to read them and the disclosure note.
    fn write_partners(&self, m: &mut Markup) {
        let Some(map) = &self.report.partners else { return };
        open_section(m, "partners", "The partner map");
        m.element(
            "p",
            &[],
            "Who collaborates with whom, and how closely the work needs it. Each respondent rated, for their \
             organisation, the partners it works with: how closely they collaborate now, and how closely \
             the work needs, on the collaboration spectrum from 1 (compete) to 7 (integrate). A tie from \
             one organisation to another is the mean of its respondents' ratings. Closer is not always \
             better: the work decides.",
        )
        .nl();
        write_disclosure(m, map);
        m.open("figure", &[]).nl();
        let diagram = NetworkDiagram::new(map);
        m.open(
            "div",
            &[
                ("class", "chart-scroll"),
                ("role", "region"),
                ("aria-label", &diagram.title()),
                ("tabindex", "0"),
            ],
        )
        .nl();
        diagram.write(m);
        m.nl().close("div").nl();
        m.element(
            "figcaption",
            &[],
            &format!(
                "Each arrow runs from the organisation whose respondents rated the tie to the partner they \
                 rated, as wide as the current level and coloured by the need gap (needed − current): \
                 orange where the work needs closer collaboration, grey where it is about right, purple \
                 where the collaboration is closer than the work needs. The label beside it gives the \
                 current and needed levels. A dashed line and ≠ mark a mismatched pair, whose two sides \
                 see their collaboration {MISMATCH_LEVELS} or more levels apart; ▼ marks a pair that is \
                 over-collaborating, both sides needing less than they have. The tables below give every \
                 figure."
            ),
        )
        .nl();
        m.close("figure").nl();
        write_partner_matrix(m, map);
        write_partner_pairs(m, map);
        write_partner_organisations(m, map);
        let net = &map.network;
        if net.ordered_pairs > 0 {
            let density: Vec<String> =
                net.density.iter().map(|d| format!("{} at level {}", percent(d.density), d.level)).collect();
            m.element(
                "p",
                &[],
                &format!(
                    "Density, the share of the {} ordered pairs of organisations tied at a level or closer: \
                     {}. Of the {} pairs with both ties shown, {} {} mismatched ({}) and {} \
                     over-collaborating.",
                    net.ordered_pairs,
                    density.join(", "),
                    net.reciprocal_pairs,
                    net.mismatched_pairs,
                    if net.mismatched_pairs == 1 { "is" } else { "are" },
                    percent(net.mismatched_share),
                    net.over_collaborating_pairs
                ),
            )
            .nl();
        }
        m.element("h3", &[], "How to read the partner map").nl();
        m.open("ul", &[("class", "how-to-read-partners")]).nl();
        for point in PARTNER_READING {
            m.element("li", &[], point).nl();
        }
        m.close("ul").nl();
        m.close("section").nl();
    }

    fn write_change(&self, m: &mut Markup) {
        let Some((earlier, comparison)) = &self.earlier else { return };
        open_section(m, "change", "Change over time");
        m.open("p", &[])
            .text(&format!("From {} respondents (version ", earlier.respondents))
            .user_text(&comparison.earlier_version)
            .text(&format!(") to {} (version ", self.report.respondents))
            .user_text(&comparison.later_version)
            .text(").")
            .close("p")
            .nl();
        open_table(m, "Mean score per foundation, earlier and later");
        header_row(
            m,
            &[
                Col::T("Foundation"),
                Col::N("Earlier"),
                Col::N("Later"),
                Col::N("Change"),
                Col::N("95% interval"),
                Col::T("Band earlier"),
                Col::T("Band later"),
                Col::T("Beyond noise?"),
            ],
        );
        m.open("tbody", &[]).nl();
        let rows = comparison
            .foundations
            .iter()
            .map(|c| (numbered(c.foundation), &c.change))
            .chain(std::iter::once(("Overall".to_owned(), &comparison.overall)));
        for (name, change) in rows {
            m.open("tr", &[]);
            m.element("th", &[("scope", "row")], &name);
            num_cell(m, &shown(change.earlier));
            num_cell(m, &shown(change.later));
            num_cell(m, &signed(change.change, 1));
            num_cell(m, &interval_to(change.test.and_then(|t| t.ci95), 1));
            band_cell(m, change.earlier_band);
            band_cell(m, change.later_band);
            noise_cell(m, change.test.as_ref());
            m.close("tr").nl();
        }
        m.close("tbody").nl();
        close_table(m);
        let moved = if comparison.moved_band.is_empty() {
            "No foundation moved band.".to_owned()
        } else {
            let names: Vec<String> = comparison
                .foundations
                .iter()
                .filter(|c| c.change.moved)
                .map(|c| match noise(c.change.test.as_ref()) {
                    Some(noise) => format!("{}, {noise}", c.foundation.name()),
                    None => c.foundation.name().to_owned(),
                })
                .collect();
            format!("Moved band: {}.", names.join("; "))
        };
        m.element("p", &[], &moved).nl();
        m.element(
            "p",
            &[("class", "note")],
            "Beyond noise: Welch's t-test of the later scores against the earlier finds p below 0.05, so a \
             change this large is unlikely by chance alone. Within noise: it could be chance; a band \
             moved within noise may not have moved at all. The waves are taken as independent samples.",
        )
        .nl();
        let details: Vec<String> = comparison
            .foundations
            .iter()
            .map(|c| (c.foundation.name().to_owned(), &c.change))
            .chain(std::iter::once(("Overall".to_owned(), &comparison.overall)))
            .filter_map(|(name, c)| Some(format!("{name}: {}", change_detail(c.test.as_ref())?)))
            .collect();
        if !details.is_empty() {
            m.open("details", &[]).nl();
            m.element("summary", &[], "The tests in full: t, degrees of freedom, interval and Cohen's d")
                .nl();
            m.open("ul", &[]).nl();
            for detail in details {
                m.element("li", &[], &detail).nl();
            }
            m.close("ul").nl();
            m.close("details").nl();
        }
        m.close("section").nl();
    }
}

/// How to read the partner map, a point each.
const PARTNER_READING: [&str; 4] = [
    "Read a row of the matrix as what one organisation says of each partner, and a column as how the \
     others see one organisation; the two halves of a pair seldom agree exactly.",
    "A mismatched pair (≠) is a conversation to have: one side sees close collaboration where the other \
     sees networking. Ask what each means by working together.",
    "A positive need gap says the work needs closer collaboration than there is. A negative one says the \
     partners collaborate more closely than the work needs: in a pair over-collaborating (▼), both sides \
     say so, the Article's misconception that collaboration means everyone does everything.",
    "Think about who adds value where: not every pair needs to be close, and the spectrum's lower levels, \
     sharing information or working side by side, are right for many ties.",
];

/// The disclosure note of the partner map: ratings are not anonymous.
fn write_disclosure(m: &mut Markup, map: &PartnerMap) {
    let k = map.min_partner_raters;
    let rule = if k <= 1 {
        "Every tie is shown, however few rated it.".to_owned()
    } else {
        let suppressed = match map.suppressed_ties {
            0 => "none is".to_owned(),
            1 => "1 is".to_owned(),
            n => format!("{n} are"),
        };
        format!("Ties rated by fewer than {k} respondents are suppressed: {suppressed}.")
    };
    m.element(
        "p",
        &[("class", "note disclosure")],
        &format!(
            "Partner ratings are given on behalf of organisations, not anonymously: a tie rated by one \
             person shows that person's ratings, and its organisation is named. {rule} The organisations' \
             and the network's figures are made from the shown ties alone."
        ),
    )
    .nl();
}

/// The matrix: a row per rating organisation, a column per rated partner;
/// each cell the tie's current level, shaded by it, with the needed level,
/// the need gap and the pair's marks in words.
fn write_partner_matrix(m: &mut Markup, map: &PartnerMap) {
    if map.organisations.is_empty() {
        return;
    }
    open_table(m, "Current level of collaboration, from each organisation (row) to each partner (column)");
    m.open("thead", &[]).open("tr", &[]);
    m.element("th", &[("scope", "col")], "From \\ to");
    for o in &map.organisations {
        m.open("th", &[("scope", "col"), ("class", "name")]).user_text(&o.name).close("th");
    }
    m.close("tr").close("thead").nl();
    m.open("tbody", &[]).nl();
    let absent = if map.suppressed_ties > 0 { "not rated, or suppressed" } else { "not rated" };
    for from in &map.organisations {
        m.open("tr", &[]);
        m.open("th", &[("scope", "row"), ("class", "name")]).user_text(&from.name).close("th");
        for to in &map.organisations {
            if from.name == to.name {
                m.element("td", &[("class", "self")], "itself");
                continue;
            }
            let Some(tie) = map.tie(&from.name, &to.name) else {
                m.element(
                    "td",
                    &[("class", "absent"), ("data-from", &from.name), ("data-to", &to.name)],
                    absent,
                );
                continue;
            };
            let pair = map.pair(&from.name, &to.name);
            let mut class = format!("num tie level-{}", level_of(tie.current));
            if pair.is_some_and(|p| p.mismatched) {
                class.push_str(" mismatched");
            }
            if pair.is_some_and(|p| p.over_collaborating) {
                class.push_str(" over-collaborating");
            }
            m.open("td", &[("class", &class), ("data-from", &tie.from), ("data-to", &tie.to)])
                .text(&shown(Some(tie.current)));
            m.element(
                "span",
                &[("class", "tie-detail")],
                &format!("needs {} ({})", shown(Some(tie.needed)), signed(Some(tie.need_gap), 1)),
            );
            m.element(
                "span",
                &[("class", "tie-detail")],
                &format!("{} rater{}", tie.raters, if tie.raters == 1 { "" } else { "s" }),
            );
            if pair.is_some_and(|p| p.mismatched) {
                m.element("span", &[("class", "tie-mark")], "≠ mismatched");
            }
            if pair.is_some_and(|p| p.over_collaborating) {
                m.element("span", &[("class", "tie-mark")], "▼ over-collaborating");
            }
            m.close("td");
        }
        m.close("tr").nl();
    }
    m.close("tbody").nl();
    close_table(m);
    let shades: Vec<String> =
        CollaborationLevel::iter().map(|l| format!("{} {}", l.level(), l.name().to_lowercase())).collect();
    m.element(
        "p",
        &[("class", "note")],
        &format!(
            "Each cell is the mean current level the row's respondents gave the column's organisation, \
             shaded darker the closer it is (to the nearest level: {}), with the level the work needs, \
             the need gap (needed − current) and how many rated it.",
            shades.join(", ")
        ),
    )
    .nl();
}

/// Each pair: how each side sees their collaboration.
fn write_partner_pairs(m: &mut Markup, map: &PartnerMap) {
    if map.pairs.is_empty() {
        return;
    }
    open_table(m, "Each pair of organisations: how each side sees their collaboration");
    header_row(
        m,
        &[
            Col::T("Pair"),
            Col::N("First → second"),
            Col::N("Second → first"),
            Col::N("Reciprocity gap"),
            Col::T("Mismatched"),
            Col::T("Over-collaborating"),
        ],
    );
    m.open("tbody", &[]).nl();
    for pair in &map.pairs {
        m.open("tr", &[]);
        m.open("th", &[("scope", "row"), ("class", "name")])
            .user_text(&pair.first)
            .text(" and ")
            .user_text(&pair.second)
            .close("th");
        num_cell(m, &shown(pair.first_to_second));
        num_cell(m, &shown(pair.second_to_first));
        num_cell(m, &shown(pair.reciprocity_gap));
        if pair.mismatched {
            m.element("td", &[("class", "warn")], "≠ Yes");
        } else {
            m.element("td", &[], "No");
        }
        if pair.over_collaborating {
            m.element("td", &[("class", "warn")], "▼ Yes");
        } else {
            m.element("td", &[], "No");
        }
        m.close("tr").nl();
    }
    m.close("tbody").nl();
    close_table(m);
}

/// Each organisation's place in the map.
fn write_partner_organisations(m: &mut Markup, map: &PartnerMap) {
    if map.organisations.is_empty() {
        return;
    }
    open_table(m, "Each organisation in the partner map");
    header_row(
        m,
        &[
            Col::T("Organisation"),
            Col::N("Partners it rates"),
            Col::N("Partners rating it"),
            Col::N("Seen as"),
            Col::N("Sees its ties at"),
            Col::N("Mean need gap"),
        ],
    );
    m.open("tbody", &[]).nl();
    for o in &map.organisations {
        m.open("tr", &[]);
        m.open("th", &[("scope", "row"), ("class", "name")]).user_text(&o.name).close("th");
        num_cell(m, &o.out_ties.to_string());
        num_cell(m, &o.in_ties.to_string());
        num_cell(m, &shown(o.seen_as));
        num_cell(m, &shown(o.sees));
        num_cell(m, &signed(o.need_gap, 1));
        m.close("tr").nl();
    }
    m.close("tbody").nl();
    close_table(m);
    m.element(
        "p",
        &[("class", "note")],
        "Seen as: the mean current level of the ties to it, how its partners see it. Sees its ties at: \
         the mean of the ties from it. Mean need gap: the mean of the need gaps of the ties from it.",
    )
    .nl();
}

/// A current level to the nearest level of the spectrum, 1 to 7 (1 when
/// not finite), for the matrix's shade.
fn level_of(current: f64) -> u8 {
    if !current.is_finite() {
        return 1;
    }
    // Clamped to 1–7 first, so the conversion is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let level = current.clamp(1.0, 7.0).round() as u8;
    level
}

fn write_how_to_read(m: &mut Markup) {
    open_section(m, "how-to-read", "How to read these figures");
    m.element(
        "p",
        &[],
        "Every figure is computed from the answers as given; the tables round them for reading only.",
    )
    .nl();
    m.open("dl", &[("class", "glossary")]).nl();
    for (term, explanation) in super::format::HOW_TO_READ {
        m.element("dt", &[], term).nl();
        m.element("dd", &[], explanation).nl();
    }
    m.close("dl").nl();
    m.element("h3", &[], "References").nl();
    m.open("ul", &[("class", "references")]).nl();
    for reference in super::format::REFERENCES {
        m.element("li", &[], reference).nl();
    }
    m.close("ul").nl();
    m.close("section").nl();
}

/// The report's `<meta name="generator">`.
const GENERATOR: &str = concat!("collaboration ", env!("CARGO_PKG_VERSION"));

fn write_footer(m: &mut Markup) {
    m.open("footer", &[]).nl();
    m.element(
        "p",
        &[],
        "The framework is Collaborate CIC's: A Guide to Collaboration (2023), with its reflection \
         questions quoted verbatim, and its article on common misconceptions about collaboration. The \
         bands, scores and statistics are this report's own.",
    )
    .nl();
    m.element("p", &[], &format!("Made with {GENERATOR}.")).nl();
    m.close("footer").nl();
}

/// How a grouping's segments are named.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Role,
    Organisation,
    Power,
}

impl Kind {
    fn caption(self) -> &'static str {
        match self {
            Self::Role => "by system role",
            Self::Organisation => "by organisation",
            Self::Power => "by structural power",
        }
    }

    fn column(self) -> &'static str {
        match self {
            Self::Role => "Role",
            Self::Organisation => "Organisation",
            Self::Power => "Structural power",
        }
    }

    /// A segment's name for people: a role's name, an organisation's name
    /// as given, or a side of the structural-power divide.
    fn name(self, segment: &str) -> String {
        match (self, segment) {
            (Self::Role, id) => Role::parse(id).map_or_else(|_| id.to_owned(), |r| r.name().to_owned()),
            (Self::Power, "holds-structural-power") => "Holding structural power".to_owned(),
            (Self::Power, "holds-none") => "Holding none".to_owned(),
            (_, name) => name.to_owned(),
        }
    }
}

/// Opens a table with its caption, in a box of its own that scrolls
/// sideways when the table is wider than the page: a region named by the
/// caption, which the keyboard can reach to scroll it.
fn open_table(m: &mut Markup, caption: &str) {
    m.open(
        "div",
        &[("class", "table-scroll"), ("role", "region"), ("aria-label", caption), ("tabindex", "0")],
    )
    .nl();
    m.open("table", &[]).nl();
    m.element("caption", &[], caption).nl();
}

/// Closes a table opened with [`open_table`].
fn close_table(m: &mut Markup) {
    m.close("table").nl();
    m.close("div").nl();
}

fn open_section(m: &mut Markup, id: &'static str, heading: &'static str) {
    m.open("section", &[("id", id)]).nl();
    m.element("h2", &[], heading).nl();
}

/// A table's column headings: text columns (`T`) align left, numbers
/// (`N`) right.
fn header_row(m: &mut Markup, columns: &[Col]) {
    m.open("thead", &[]).open("tr", &[]);
    for column in columns {
        match column {
            Col::T(heading) => m.element("th", &[("scope", "col")], heading),
            Col::N(heading) => m.element("th", &[("scope", "col"), ("class", "num")], heading),
        };
    }
    m.close("tr").close("thead").nl();
}

/// A column heading: of text or of numbers.
#[derive(Clone, Copy, Debug)]
enum Col {
    T(&'static str),
    N(&'static str),
}

fn num_cell(m: &mut Markup, text: &str) {
    m.element("td", &[("class", "num")], text);
}

fn band_badge(m: &mut Markup, band: Band) {
    let class = match band {
        Band::Strength => "band band-strength",
        Band::Developing => "band band-developing",
        Band::Priority => "band band-priority",
    };
    m.element("span", &[("class", class)], band_name(band));
}

/// Whether a change is beyond noise, in words, or an em dash; the p-value
/// stays on one line.
fn noise_cell(m: &mut Markup, test: Option<&ChangeTest>) {
    let beyond = test.and_then(|t| t.significant) == Some(true);
    match noise_parts(test) {
        Some((word, p)) => {
            m.open("td", &[("class", if beyond { "beyond" } else { "within" })])
                .text(&capital(word))
                .text(" ");
            m.element("span", &[("class", "p")], &format!("({p})"));
            m.close("td");
        }
        None => {
            m.element("td", &[], "—");
        }
    }
}

fn band_cell(m: &mut Markup, band: Option<Band>) {
    m.open("td", &[]);
    match band {
        Some(band) => band_badge(m, band),
        None => {
            m.text("—");
        }
    }
    m.close("td");
}

fn views_cell(m: &mut Markup, s: &FoundationStats) {
    match (s.surface_agreement, s.divided) {
        (true, _) => m.element("td", &[("class", "warn")], "Surface agreement"),
        (false, true) => m.element("td", &[("class", "warn")], "Divided"),
        (false, false) if s.rwg.is_some() => m.element("td", &[], "Shared"),
        (false, false) => m.element("td", &[], "—"),
    };
}

/// A segment's mean in the heat map: shaded by its band, whose word it
/// holds too, so that colour is never the only carrier.
fn heat_cell(m: &mut Markup, mean: f64, band: Band) {
    let class = match band {
        Band::Strength => "num heat band-strength",
        Band::Developing => "num heat band-developing",
        Band::Priority => "num heat band-priority",
    };
    m.open("td", &[("class", class)]).text(&shown(Some(mean))).text(" ");
    m.element("span", &[("class", "heat-word")], band_name(band));
    m.close("td");
}

/// The one-way ANOVA of each foundation across the organisations, a
/// sentence each, under their table.
fn write_differences(m: &mut Markup, grouping: &Grouping) {
    if grouping.differences.is_empty() {
        return;
    }
    m.open("p", &[])
        .text(
            "Do the organisations differ more than chance would explain? A one-way analysis of variance \
             per foundation (see ",
        )
        .element("a", &[("href", "#how-to-read")], "How to read these figures")
        .text("):")
        .close("p")
        .nl();
    m.open("ul", &[("class", "tests")]).nl();
    for d in &grouping.differences {
        m.element("li", &[], &difference(d)).nl();
    }
    m.close("ul").nl();
}

/// A count with a bar as wide as its share of the largest count (hidden
/// from screen readers, which read the number).
fn count_cell(m: &mut Markup, count: u64, most: u64) {
    m.open("td", &[("class", "num")]).text(&count.to_string());
    if count > 0 && most > 0 {
        #[allow(clippy::cast_precision_loss)] // counts stay far below 2^52
        let width = 6.0 * count as f64 / most as f64;
        m.leaf(
            "span",
            &[("class", "bar"), ("aria-hidden", "true"), ("style", &format!("width: {width:.2}em"))],
        );
    }
    m.close("td");
}

/// The `columns` statistics columns of a withheld figure, in one cell that
/// says why: no one was scored, or too few were.
fn withheld_cells(m: &mut Markup, n: u64, min_segment: usize, columns: usize) {
    let why = if n == 0 {
        "Not scored: no respondent answered enough of its items".to_owned()
    } else {
        format!("Withheld: fewer than {min_segment} respondents scored")
    };
    m.element("td", &[("colspan", &columns.to_string()), ("class", "suppressed")], &why);
}

fn write_side(m: &mut Markup, side: &PowerSide, min_segment: usize) {
    if side.suppressed {
        m.element(
            "td",
            &[("colspan", "3"), ("class", "suppressed")],
            &format!("Withheld: it, or the other side, has fewer than {min_segment} respondents"),
        );
        return;
    }
    let count = |n: Option<u64>| n.map_or_else(|| "—".to_owned(), |n| n.to_string());
    num_cell(m, &count(side.respondents));
    num_cell(m, &count(side.n));
    num_cell(m, &shown(side.mean));
}

/// A foundation's number and name.
fn numbered(foundation: Foundation) -> String {
    format!("{}. {}", foundation.number(), foundation.name())
}

fn share(prevalence: &MisconceptionPrevalence) -> f64 {
    finite(prevalence.share).unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylesheet_takes_its_colours_from_the_palette() {
        // Every colour is a palette name, so the contrast test covers it.
        assert!(!CSS_TEMPLATE.contains('#'));
        assert!(!CSS.contains('$'));
        for (background, ink) in [
            (p::STRENGTH_BG, p::STRENGTH_INK),
            (p::DEVELOPING_BG, p::DEVELOPING_INK),
            (p::PRIORITY_BG, p::PRIORITY_INK),
            (p::HEADER_BG, p::INK),
        ] {
            assert!(CSS.contains(&format!("background: {background}; color: {ink};")), "{background} {ink}");
        }
        assert!(CSS.contains(&format!("color: {}; background: {};", p::INK, p::PAPER)));
        assert!(CSS.contains("@media print"));
    }
}
