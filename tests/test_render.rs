//! The radar chart and the HTML report, parsed with real parsers (roxmltree
//! for the SVG, html5ever through scraper for the HTML) and rendered to
//! pixels with resvg. Every expected coordinate is worked out by hand from
//! the geometry `Radar` documents: centre (380, 330), radius 200 for a
//! score of 100, foundation n's axis at −90° + 60° × (n − 1), a score s at
//! 2s from the centre; cos 30° = 0.866 025…, sin 30° = 0.5.
#![cfg(feature = "html")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "util/raster.rs"]
mod raster;

use collaboration::render::{html_report, radar_svg};
use collaboration::{
    BatchOptions, Foundation, GroupReport, HtmlReport, Instrument, Radar, Respondent, Response,
    ScoringOptions, score_batch,
};
use proptest::prelude::*;
use scraper::{ElementRef, Html, Selector};

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const COS30: f64 = 0.866_025_403_784_438_6;
const HOSTILE: &str = "<script>alert(1)</script>";

fn sample() -> GroupReport {
    let team = include_str!("../examples/data/team.jsonl");
    score_batch(team.as_bytes(), Instrument::builtin(), &BatchOptions::default()).unwrap().report
}

fn respond(id: &str, organisation: Option<&str>, answers: &[(&str, u8)]) -> Response {
    let mut respondent = Respondent::new(id).unwrap();
    if let Some(organisation) = organisation {
        respondent = respondent.with_organisation(organisation);
    }
    answers
        .iter()
        .fold(Response::new("collaboration-health-check", respondent), |r, &(item, v)| r.with_answer(item, v))
}

/// The same answer to all three items of a foundation.
fn all(foundation: Foundation, value: u8) -> Vec<(String, u8)> {
    (1..=3).map(|n| (format!("{}.{n}", foundation.id()), value)).collect()
}

fn answers(per_foundation: &[(Foundation, u8)]) -> Vec<(String, u8)> {
    per_foundation.iter().flat_map(|&(f, v)| all(f, v)).collect()
}

fn response(id: &str, organisation: Option<&str>, per_foundation: &[(Foundation, u8)]) -> Response {
    let owned = answers(per_foundation);
    let borrowed: Vec<(&str, u8)> = owned.iter().map(|(i, v)| (i.as_str(), *v)).collect();
    respond(id, organisation, &borrowed)
}

/// A report with `min_segment` 1, so that these drawing tests can use a
/// group of two; what disclosure control withholds, and how that is drawn,
/// is tested in `test_disclosure.rs`.
fn group(responses: &[Response]) -> GroupReport {
    let options = ScoringOptions { min_segment: 1, ..ScoringOptions::default() };
    let mut aggregator = collaboration::Aggregator::with_options(Instrument::builtin(), options);
    for r in responses {
        aggregator.add(r).unwrap();
    }
    aggregator.report()
}

fn parse_points(points: &str) -> Vec<(f64, f64)> {
    points
        .split_whitespace()
        .map(|pair| {
            let (x, y) = pair.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

fn assert_near(got: (f64, f64), want: (f64, f64), what: &str) {
    assert!(
        (got.0 - want.0).abs() <= 0.01 && (got.1 - want.1).abs() <= 0.01,
        "{what}: got {got:?}, want {want:?}"
    );
}

fn has_class(node: roxmltree::Node<'_, '_>, class: &str) -> bool {
    node.attribute("class").is_some_and(|c| c.split_whitespace().any(|c| c == class))
}

fn svg_elements<'a, 'i>(
    doc: &'a roxmltree::Document<'i>,
    tag: &str,
    class: &str,
) -> Vec<roxmltree::Node<'a, 'i>> {
    doc.descendants().filter(|n| n.has_tag_name((SVG_NS, tag)) && has_class(*n, class)).collect()
}

/// The text inside an SVG element, its whitespace collapsed.
fn svg_text(node: roxmltree::Node<'_, '_>) -> String {
    let texts: Vec<&str> =
        node.descendants().filter(roxmltree::Node::is_text).filter_map(|n| n.text()).collect();
    texts.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn attr(node: roxmltree::Node<'_, '_>, name: &str) -> f64 {
    node.attribute(name).unwrap().parse().unwrap()
}

fn text_of(element: ElementRef<'_>) -> String {
    element.text().collect::<String>()
}

fn select<'a>(html: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

// ---------------------------------------------------------------- the SVG

#[test]
fn the_svg_has_six_axes_in_the_guides_order_and_the_band_rings() {
    let svg = radar_svg(&sample());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert!(root.has_tag_name((SVG_NS, "svg")));
    assert_eq!(root.attribute("viewBox"), Some("0 0 760 690"));

    let axes = svg_elements(&doc, "line", "axis");
    assert_eq!(axes.len(), 6);
    // The outer end of each axis is a score of 100, 200 from the centre:
    // 1 at −90° → (380, 130); 2 at −30° → (380 + 200 cos 30°, 330 − 100);
    // 3 at 30° → (380 + 173.205, 430); 4 at 90° → (380, 530);
    // 5 at 150° → (380 − 173.205, 430); 6 at 210° → (380 − 173.205, 230).
    let d = 200.0 * COS30;
    let ends = [
        (380.0, 130.0),
        (380.0 + d, 230.0),
        (380.0 + d, 430.0),
        (380.0, 530.0),
        (380.0 - d, 430.0),
        (380.0 - d, 230.0),
    ];
    for ((axis, foundation), end) in axes.iter().zip(Foundation::iter()).zip(ends) {
        assert_eq!(axis.attribute("data-foundation"), Some(foundation.id()));
        assert_near((attr(*axis, "x1"), attr(*axis, "y1")), (380.0, 330.0), "axis start");
        assert_near((attr(*axis, "x2"), attr(*axis, "y2")), end, foundation.id());
    }

    // Each foundation is labelled with its number and name, in the Guide's order.
    let labels: Vec<String> = svg_elements(&doc, "g", "label").iter().map(|g| svg_text(*g)).collect();
    assert_eq!(labels.len(), 6);
    for (label, foundation) in labels.iter().zip(Foundation::iter()) {
        // The name may break over two lines: its words, in order.
        let want = format!("{}. {}", foundation.number(), foundation.name());
        assert!(label.starts_with(&want), "{label}");
    }

    // The band rings at 50 and 75: hexagons 100 and 150 from the centre.
    let rings = svg_elements(&doc, "polygon", "band-ring");
    let scores: Vec<&str> = rings.iter().map(|r| r.attribute("data-score").unwrap()).collect();
    assert_eq!(scores, ["50", "75"]);
    for (ring, r) in rings.iter().zip([100.0, 150.0]) {
        let points = parse_points(ring.attribute("points").unwrap());
        assert_eq!(points.len(), 6);
        assert_near(points[0], (380.0, 330.0 - r), "ring top");
        assert_near(points[1], (380.0 + r * COS30, 330.0 - r / 2.0), "ring upper right");
        assert_near(points[3], (380.0, 330.0 + r), "ring bottom");
    }
}

#[test]
fn the_svg_is_accessible_and_has_no_script() {
    let svg = radar_svg(&sample());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    let ids: Vec<&str> = root.attribute("aria-labelledby").unwrap().split(' ').collect();
    assert_eq!(ids, ["radar-title", "radar-desc"]);
    let title = doc.descendants().find(|n| n.has_tag_name((SVG_NS, "title"))).unwrap();
    let desc = doc.descendants().find(|n| n.has_tag_name((SVG_NS, "desc"))).unwrap();
    assert_eq!(title.attribute("id"), Some("radar-title"));
    assert_eq!(desc.attribute("id"), Some("radar-desc"));
    assert_eq!(title.text(), Some("The six foundations: mean of 15 respondents"));
    // The description gives every score in words (the sample's means are
    // in the README's table: 76.7, 54.4, 58.6, 53.3, 33.3, 31.1).
    let desc = desc.text().unwrap();
    for words in [
        "1. Collaborative mindset: 76.7, strength; from 66.7 to 83.3.",
        "2. Healthy, trusting relationships: 54.4, developing; from 8.3 to 100.0; views divided, yet the mean looks healthy: surface agreement.",
        "6. Collaborative infrastructure: 31.1, priority; from 16.7 to 41.7.",
    ] {
        assert!(desc.contains(words), "{desc}");
    }
    assert!(doc.descendants().all(|n| !n.has_tag_name("script") && !n.has_tag_name((SVG_NS, "script"))));
    assert!(doc.descendants().all(|n| n.attributes().all(|a| !a.name().starts_with("on"))));
}

#[test]
fn a_scorecards_polygon_has_its_points_at_the_right_radii() {
    // Every item answered alike: 5 → 100, 1 → 0, 3 → 50, 4 → 75, 2 → 25;
    // infrastructure 4, 5 and n/a → (75 + 100) / 2 = 87.5.
    use Foundation as F;
    let mut r = response(
        "r-1",
        None,
        &[
            (F::CollaborativeMindset, 5),
            (F::HealthyTrustingRelationships, 1),
            (F::SharedVisionAndPurpose, 3),
            (F::CollaborativeBehaviours, 4),
            (F::SharedLearning, 2),
        ],
    );
    r = r
        .with_answer("collaborative-infrastructure.1", 4)
        .with_answer("collaborative-infrastructure.2", 5)
        .with_answer("collaborative-infrastructure.3", collaboration::Answer::NotApplicable);
    let card = Instrument::builtin().score(&r).unwrap();
    let svg = Radar::from_scorecard(&card).to_svg();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let polygons = svg_elements(&doc, "polygon", "series");
    assert_eq!(polygons.len(), 1);
    assert!(has_class(polygons[0], "score"));
    let points = parse_points(polygons[0].attribute("points").unwrap());
    let want = [
        (380.0, 130.0),                        // 1: 100 → 200 straight up
        (380.0, 330.0),                        // 2: 0 → the centre
        (380.0 + 100.0 * COS30, 330.0 + 50.0), // 3: 50 → 100 at 30°: (466.60, 380)
        (380.0, 330.0 + 150.0),                // 4: 75 → 150 straight down
        (380.0 - 50.0 * COS30, 330.0 + 25.0),  // 5: 25 → 50 at 150°: (336.70, 355)
        (380.0 - 175.0 * COS30, 330.0 - 87.5), // 6: 87.5 → 175 at 210°: (228.45, 242.5)
    ];
    assert_eq!(points.len(), 6);
    for ((got, want), f) in points.into_iter().zip(want).zip(Foundation::iter()) {
        assert_near(got, want, f.id());
    }
    // One respondent: no spread, no divided views, nothing from a group.
    assert!(svg_elements(&doc, "line", "spread").is_empty());
    assert!(svg_elements(&doc, "path", "divided").is_empty());
    assert!(svg.contains("respondent r-1"));
}

#[test]
fn a_partly_scored_scorecard_joins_only_neighbouring_scores() {
    // Only mindset (all 5 → 100) and relationships (all 3 → 50) are scored.
    use Foundation as F;
    let r = response("r-2", None, &[(F::CollaborativeMindset, 5), (F::HealthyTrustingRelationships, 3)]);
    let card = Instrument::builtin().score(&r).unwrap();
    let svg = Radar::from_scorecard(&card).to_svg();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(svg_elements(&doc, "polygon", "series").is_empty());
    let paths = svg_elements(&doc, "path", "series");
    assert_eq!(paths.len(), 1);
    // 1 at (380, 130) to 2: 50 → 100 at −30° → (466.60, 280): one segment.
    assert_eq!(paths[0].attribute("d"), Some("M380.00,130.00 L466.60,280.00"));
    assert_eq!(svg_elements(&doc, "circle", "vertex").len(), 2);
    let labels = svg_elements(&doc, "g", "label");
    let third = svg_text(labels[2]);
    assert!(third.contains("not scored"), "{third}");
}

/// Two respondents: mindset 5 and 5 (100 each); relationships 5 and 1
/// (100 and 0: mean 50, developing, views divided: surface agreement);
/// vision 3 and 1 (50 and 0: mean 25, priority, divided); behaviours 4 and
/// 4 (75); learning 2 and 2 (25); infrastructure 4 and 2 (75 and 25: mean
/// 50, divided, surface agreement).
fn two_people() -> GroupReport {
    use Foundation as F;
    group(&[
        response(
            "a",
            None,
            &[
                (F::CollaborativeMindset, 5),
                (F::HealthyTrustingRelationships, 5),
                (F::SharedVisionAndPurpose, 3),
                (F::CollaborativeBehaviours, 4),
                (F::SharedLearning, 2),
                (F::CollaborativeInfrastructure, 4),
            ],
        ),
        response(
            "b",
            None,
            &[
                (F::CollaborativeMindset, 5),
                (F::HealthyTrustingRelationships, 1),
                (F::SharedVisionAndPurpose, 1),
                (F::CollaborativeBehaviours, 4),
                (F::SharedLearning, 2),
                (F::CollaborativeInfrastructure, 2),
            ],
        ),
    ])
}

#[test]
fn a_group_radar_draws_means_spreads_and_divided_views() {
    let report = two_people();
    let svg = radar_svg(&report);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let polygon = svg_elements(&doc, "polygon", "mean");
    assert_eq!(polygon.len(), 1);
    let points = parse_points(polygon[0].attribute("points").unwrap());
    let want = [
        (380.0, 130.0),                        // 100 up
        (380.0 + 100.0 * COS30, 330.0 - 50.0), // 50 at −30°
        (380.0 + 50.0 * COS30, 330.0 + 25.0),  // 25 at 30°
        (380.0, 330.0 + 150.0),                // 75 down
        (380.0 - 50.0 * COS30, 330.0 + 25.0),  // 25 at 150°
        (380.0 - 100.0 * COS30, 330.0 - 50.0), // 50 at 210°
    ];
    for ((got, want), f) in points.into_iter().zip(want).zip(Foundation::iter()) {
        assert_near(got, want, f.id());
    }

    // Spreads: relationships from 0 (the centre) to 100 at −30°.
    let spreads = svg_elements(&doc, "line", "spread");
    assert_eq!(spreads.len(), 6);
    let relationships = spreads
        .iter()
        .find(|s| s.attribute("data-foundation") == Some("healthy-trusting-relationships"))
        .unwrap();
    assert_near((attr(*relationships, "x1"), attr(*relationships, "y1")), (380.0, 330.0), "min");
    assert_near(
        (attr(*relationships, "x2"), attr(*relationships, "y2")),
        (380.0 + 200.0 * COS30, 230.0),
        "max",
    );
    assert_eq!(relationships.attribute("data-min"), Some("0.0"));
    assert_eq!(relationships.attribute("data-max"), Some("100.0"));

    // Divided views as the report finds them, each marked on its vertex.
    let divided: Vec<(&str, bool)> =
        report.divided().map(|s| (s.foundation.id(), s.surface_agreement)).collect();
    assert_eq!(
        divided,
        [
            ("healthy-trusting-relationships", true),
            ("shared-vision-and-purpose", false),
            ("collaborative-infrastructure", true)
        ]
    );
    let markers: Vec<(&str, bool)> = svg_elements(&doc, "path", "divided")
        .iter()
        .map(|m| (m.attribute("data-foundation").unwrap(), has_class(*m, "surface-agreement")))
        .collect();
    assert_eq!(markers, divided);
    // The relationships diamond is centred on its vertex (466.60, 280): it
    // starts 10 above it.
    let d = svg_elements(&doc, "path", "divided")[0].attribute("d").unwrap();
    assert!(d.starts_with("M466.60,270.00 L476.60,280.00 L466.60,290.00 L456.60,280.00 Z"), "{d}");
    let label = svg_text(svg_elements(&doc, "g", "label")[1]);
    assert!(label.contains("surface agreement"), "{label}");
}

#[test]
fn a_comparison_draws_both_polygons() {
    let earlier = two_people();
    let later = sample();
    let svg = Radar::from_comparison(&earlier, &later).unwrap().to_svg();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let earlier_polygon = svg_elements(&doc, "polygon", "earlier");
    let later_polygon = svg_elements(&doc, "polygon", "later");
    assert_eq!((earlier_polygon.len(), later_polygon.len()), (1, 1));
    // The earlier mindset mean is 100: (380, 130); the later 76.7 (the
    // sample's mean, 1150/15) lies 2 × 1150/15 = 153.33 above the centre.
    let e = parse_points(earlier_polygon[0].attribute("points").unwrap());
    let l = parse_points(later_polygon[0].attribute("points").unwrap());
    assert_near(e[0], (380.0, 130.0), "earlier mindset");
    assert_near(l[0], (380.0, 330.0 - 2.0 * 1150.0 / 15.0), "later mindset");
    assert!(svg.contains("100.0 → 76.7"));

    let other = Instrument::from_json(
        &include_str!("../schemas/collaboration-health-check.instrument.json")
            .replace("\"collaboration-health-check\"", "\"another-check\""),
    )
    .unwrap();
    let r = Response::new("another-check", Respondent::new("x").unwrap()).with_answer("shared-learning.1", 3);
    let mut aggregator = collaboration::Aggregator::new(&other);
    aggregator.add(&r).unwrap();
    assert!(Radar::from_comparison(&aggregator.report(), &later).is_err());
}

// --------------------------------------------------------------- escaping

/// A group whose organisation and a respondent id are hostile.
fn hostile_report() -> GroupReport {
    use Foundation as F;
    let scores = [(F::CollaborativeMindset, 4), (F::SharedLearning, 3)];
    group(&[
        response(HOSTILE, Some(HOSTILE), &scores),
        response("b", Some(HOSTILE), &scores),
        response("c", Some(HOSTILE), &scores),
        response("d", Some("Tom & Jerry's \"Trust\""), &scores),
    ])
}

fn hostile_instrument() -> Instrument {
    let mut def = Instrument::builtin().definition().clone();
    def.title = "Tom & Jerry's \"health\" <check>".into();
    Instrument::new(def).unwrap()
}

#[test]
fn hostile_strings_render_as_text_in_the_html() {
    let instrument = hostile_instrument();
    let report = hostile_report();
    let html = HtmlReport::new(&report).with_title(HOSTILE).with_instrument(&instrument).to_html();
    assert!(!html.contains("<script"), "raw script tag in the HTML");
    assert!(!html.contains("<img"), "raw img tag in the HTML");
    let doc = Html::parse_document(&html);
    assert!(select(&doc, "script").is_empty());
    assert!(select(&doc, "img").is_empty());
    assert!(select(&doc, "[onerror]").is_empty());

    assert_eq!(text_of(select(&doc, "h1")[0]), HOSTILE);
    assert_eq!(text_of(select(&doc, "title")[0]), HOSTILE);
    let meta = text_of(select(&doc, "header p.meta")[0]);
    assert!(meta.contains("“Tom & Jerry's \"health\" <check>”"), "{meta}");
    // The organisation's segment, by name, as a row heading.
    let rows: Vec<String> =
        select(&doc, "#perspectives tbody th[scope=row]").into_iter().map(text_of).collect();
    assert!(rows.iter().any(|r| r == HOSTILE), "{rows:?}");
    assert!(rows.iter().any(|r| r == "Tom & Jerry's \"Trust\""), "{rows:?}");
    // The report meant for the wall lists no rejected response.
    assert!(select(&doc, "#rejected").is_empty());
}

#[test]
fn hostile_strings_render_as_text_in_the_svg() {
    let r = response(HOSTILE, None, &[(Foundation::SharedLearning, 3)]);
    let card = Instrument::builtin().score(&r).unwrap();
    let titled = "Tom & Jerry's \"health\" <check>";
    for (svg, title_has) in [
        (Radar::from_scorecard(&card).to_svg(), HOSTILE),
        (Radar::from_report(&hostile_report()).with_title(titled).to_svg(), titled),
    ] {
        let doc = roxmltree::Document::parse(&svg).unwrap();
        assert!(doc.descendants().all(|n| n.tag_name().name() != "script"));
        assert!(!svg.contains("<script"));
        let title = doc.descendants().find(|n| n.has_tag_name((SVG_NS, "title"))).unwrap().text().unwrap();
        assert!(title.contains(title_has), "{title} should contain {title_has}");
    }
}

proptest! {
    /// Whatever a respondent id holds, it is refused at the door (control
    /// characters) or the SVG parses and shows it as text, as ids are
    /// stored: invisible format characters (bidi controls among them)
    /// dropped and trimmed (characters XML forbids become U+FFFD).
    #[test]
    fn any_respondent_id_is_shown_as_text(
        raw in "[\\x00-\\x1f<>&\"' a-zé漢Ω\\u{fffe}\\u{ffff}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}\\u{200e}\\u{200f}\\u{61c}]{0,12}"
    ) {
        let id = format!("x{raw}");
        if id.chars().any(char::is_control) {
            prop_assert!(Respondent::new(id.as_str()).is_err());
            return Ok(());
        }
        let r = response(&id, None, &[(Foundation::SharedLearning, 3)]);
        let card = Instrument::builtin().score(&r).unwrap();
        let svg = Radar::from_scorecard(&card).to_svg();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let title = doc.descendants().find(|n| n.has_tag_name((SVG_NS, "title"))).unwrap().text().unwrap();
        let allowed = |c: char| c != '\u{fffe}' && c != '\u{ffff}';
        let stored: String = id.chars().filter(|&c| !is_bidi_control(c)).collect();
        let shown: String = stored.trim_end().chars().map(|c| if allowed(c) { c } else { '\u{fffd}' }).collect();
        prop_assert_eq!(title, format!("The six foundations: respondent {shown}"));
    }
}

// ------------------------------------------------------------------- HTML

#[test]
fn the_html_report_is_one_accessible_printable_file() {
    let html = HtmlReport::new(&sample()).with_instrument(Instrument::builtin()).to_html();
    let doc = Html::parse_document(&html);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(select(&doc, "html")[0].value().attr("lang"), Some("en-GB"));
    assert_eq!(select(&doc, "meta[charset]")[0].value().attr("charset"), Some("utf-8"));
    assert_eq!(select(&doc, "h1").len(), 1);

    // No scripts, nothing to fetch: no external stylesheet, image, frame or
    // font; every link is to a place in the page.
    for selector in ["script", "link", "img", "iframe", "object", "embed", "[src]"] {
        assert!(select(&doc, selector).is_empty(), "{selector}");
    }
    for a in select(&doc, "[href]") {
        assert!(a.value().attr("href").unwrap().starts_with('#'));
    }
    let style = text_of(select(&doc, "head style")[0]);
    assert!(style.contains("@media print"));
    assert!(!style.contains("url(") && !style.contains("@import"));

    // The sections, each a heading; the contents link to every one.
    let h2: Vec<String> = select(&doc, "section > h2").into_iter().map(text_of).collect();
    assert_eq!(
        h2,
        [
            "The six foundations at a glance",
            "Foundations",
            "Priorities for the conversation",
            "Divided views",
            "Perspectives by segment",
            "Power and the voice gap",
            "Misconceptions held",
            "The collaboration spectrum",
            "The partner map",
            "How to read these figures",
        ]
    );
    assert_eq!(select(&doc, "nav a").len(), h2.len());

    // The radar inline, with its text alternative, and a caption; and so
    // is the partner network (tests/test_partner_render.rs reads it).
    let svg = select(&doc, "figure > .chart-scroll > svg");
    assert_eq!(svg.len(), 2);
    assert!(svg.iter().all(|svg| svg.value().attr("role") == Some("img")));
    let radar = select(&doc, "figure > .chart-scroll > svg.radar");
    assert_eq!(radar.len(), 1);
    assert_eq!(select(&doc, "figure svg.radar > title").len(), 1);
    assert!(text_of(select(&doc, "figure svg.radar > desc")[0]).contains("1. Collaborative mindset: 76.7"));
    assert_eq!(select(&doc, "figure > figcaption").len(), 2);

    // Real tables: each has a caption, column headings with scope=col, and
    // row headings with scope=row.
    let tables = select(&doc, "table");
    assert!(tables.len() >= 8, "{}", tables.len());
    let caption = Selector::parse("caption").unwrap();
    let col = Selector::parse("thead th").unwrap();
    let row = Selector::parse("tbody tr").unwrap();
    let row_head = Selector::parse("th").unwrap();
    for table in tables {
        assert_eq!(table.select(&caption).count(), 1);
        assert!(table.select(&col).all(|th| th.value().attr("scope") == Some("col")));
        for tr in table.select(&row) {
            let first = tr.select(&row_head).next().unwrap();
            assert_eq!(first.value().attr("scope"), Some("row"));
        }
    }
}

#[test]
fn the_html_report_holds_the_findings() {
    let report = sample();
    let html = html_report(&report);
    let doc = Html::parse_document(&html);

    // Foundations: a row each in the Guide's order, then overall; the 95%
    // interval is R's [32.738…, 76.151…] (tests/r/expected.json).
    let rows = rows_of(captioned(&doc, "Scores out of 100 per foundation, over the 15 respondents"));
    assert_eq!(rows.len(), 7);
    assert_eq!(
        rows[1],
        [
            "2. Healthy, trusting relationships",
            "15",
            "54.4",
            "32.7–76.2",
            "39.2",
            "83.3",
            "8.3",
            "100.0",
            "Developing",
        ]
    );
    assert_eq!(rows[6][0], "Overall");
    assert_eq!(rows[6][2], "51.2");
    // Agreement and consistency: R's alpha 0.9557 over 15 complete cases.
    let rows = rows_of(captioned(&doc, "Agreement and consistency per foundation"));
    assert_eq!(rows.len(), 6);
    assert_eq!(
        rows[1],
        ["2. Healthy, trusting relationships", "0.96", "15", "0.00", "1.50", "Surface agreement"]
    );

    // Priorities: lowest mean first, each with the Guide's three
    // reflection questions as the agenda.
    let agenda = select(&doc, "#priorities ol.agenda > li");
    assert_eq!(agenda.len(), 6);
    let h3 = text_of(agenda[0].select(&Selector::parse("h3").unwrap()).next().unwrap());
    assert_eq!(h3, "Collaborative infrastructure Priority");
    let questions: Vec<String> =
        agenda[0].select(&Selector::parse("ul > li").unwrap()).map(text_of).collect();
    let guide: Vec<&str> =
        Foundation::CollaborativeInfrastructure.reflection_questions().iter().map(|q| q.text).collect();
    assert_eq!(questions, guide);
    assert!(text_of(agenda[5]).trim_start().starts_with("Collaborative mindset Strength"));

    // Divided views: relationships, with surface agreement.
    let divided = select(&doc, "#divided li");
    assert_eq!(divided.len(), 1);
    let divided = text_of(divided[0]);
    assert!(divided.starts_with("Healthy, trusting relationships: rwg(j) 0.00"), "{divided}");
    assert!(divided.contains("Surface agreement"), "{divided}");

    // Power: 79.2 for the 9 holders, 35.4 for the 6 others, gap +43.8.
    let power: Vec<Vec<String>> = select(&doc, "#power tbody tr")
        .into_iter()
        .map(|tr| tr.child_elements().map(text_of).collect())
        .collect();
    assert_eq!(power, [["Holding structural power", "9", "9", "79.2"], ["Holding none", "6", "6", "35.4"]]);
    assert!(text_of(select(&doc, "#power > p")[1]).starts_with("Voice gap: +43.8."));

    // Misconceptions: "Everyone is equal" (8 of 15) first, with its reality;
    // those held by no one listed after.
    let held: Vec<Vec<String>> = select(&doc, "#misconceptions tbody tr")
        .into_iter()
        .map(|tr| tr.child_elements().map(text_of).collect())
        .collect();
    assert_eq!(held.len(), 3);
    let equal = collaboration::Misconception::EveryoneIsEqual;
    assert_eq!(
        held[0],
        [format!("“{}”", equal.claim()), "8 of 15".into(), "53%".into(), equal.reality().into()]
    );
    assert!(text_of(*select(&doc, "#misconceptions > p").last().unwrap()).starts_with("Held by no one"));

    // The spectrum: seven levels, communicate 8 now, collaborate 9 needed.
    let spectrum: Vec<Vec<String>> = select(&doc, "#spectrum tbody tr")
        .into_iter()
        .map(|tr| tr.child_elements().map(text_of).collect())
        .collect();
    assert_eq!(spectrum.len(), 7);
    assert_eq!((spectrum[2][0].as_str(), spectrum[2][2].as_str()), ("3. Communicate", "8"));
    assert_eq!((spectrum[5][0].as_str(), spectrum[5][3].as_str()), ("6. Collaborate", "9"));
    assert!(html.contains("+2.40 levels"));
}

#[test]
fn suppressed_segments_show_no_figures() {
    // With min_segment 4, Housing Association (3 respondents) is suppressed.
    let team = include_str!("../examples/data/team.jsonl");
    let options = ScoringOptions { min_segment: 4, ..ScoringOptions::default() };
    let options = BatchOptions { scoring: options, ..BatchOptions::default() };
    let report = score_batch(team.as_bytes(), Instrument::builtin(), &options).unwrap().report;
    let html = html_report(&report);
    let doc = Html::parse_document(&html);
    let row = select(&doc, "#perspectives tbody tr")
        .into_iter()
        .find(|tr| tr.child_elements().next().map(text_of).as_deref() == Some("Housing Association"))
        .unwrap();
    let cells: Vec<ElementRef<'_>> = row.child_elements().collect();
    assert_eq!(cells.len(), 2);
    assert_eq!(cells[1].value().attr("colspan"), Some("7"));
    assert_eq!(text_of(cells[1]), "Suppressed: fewer than 4 respondents");
    assert!(!text_of(row).chars().any(|c| c.is_ascii_digit() && c != '4'));
    // Holding none has 6: shown; no figure for a suppressed power side.
    assert!(html.contains("fewer than 4 respondents"));
}

#[test]
fn the_html_report_compares_over_time() {
    let earlier = two_people();
    let later = sample();
    let html = HtmlReport::new(&later).with_earlier(&earlier).unwrap().to_html();
    let doc = Html::parse_document(&html);
    assert_eq!(select(&doc, "figure svg polygon.earlier").len(), 1);
    assert_eq!(select(&doc, "figure svg polygon.later").len(), 1);
    let rows: Vec<Vec<String>> = select(&doc, "#change tbody tr")
        .into_iter()
        .map(|tr| tr.child_elements().map(text_of).collect())
        .collect();
    // Mindset 100 (both 5s: no spread) then 76.7: −23.3, strength both
    // times. Welch: se = √(0/2 + 7.18243²/15) = 1.85450 on 14 df (the
    // earlier wave adds no variance), t = −12.6, so p < 0.001; the interval
    // is −23.333 ± t(0.975, 14) × se = −23.333 ± 2.14479 × 1.85450 =
    // −27.311 to −19.356.
    assert_eq!(
        rows[0],
        [
            "1. Collaborative mindset",
            "100.0",
            "76.7",
            "-23.3",
            "-27.3 to -19.4",
            "Strength",
            "Strength",
            "Beyond noise (p < 0.001)"
        ]
    );
    assert_eq!(rows.len(), 7);
    // The versions compared come from input: each is a <bdi>.
    let versions: Vec<String> = select(&doc, "#change > p > bdi").into_iter().map(text_of).collect();
    assert_eq!(versions, ["1.0.0", "1.0.0"]);
}

// ------------------------------------------------- the statistics, in words

/// R's figures on the sample team (`tests/r/check.R`).
fn r_expected() -> serde_json::Value {
    serde_json::from_str(include_str!("r/expected.json")).unwrap()
}

/// The second wave R made from the sample team (`tests/r/README.md`).
fn later_wave() -> GroupReport {
    let later = include_str!("r/later.jsonl");
    score_batch(later.as_bytes(), Instrument::builtin(), &BatchOptions::default()).unwrap().report
}

#[test]
fn the_foundations_tables_show_rs_interval_and_alpha() {
    let html = html_report(&sample());
    let doc = Html::parse_document(&html);
    let scores = rows_of(captioned(&doc, "Scores out of 100 per foundation, over the 15 respondents"));
    let agreement = rows_of(captioned(&doc, "Agreement and consistency per foundation"));
    let r = r_expected();
    for (i, e) in r["foundations"].as_array().unwrap().iter().enumerate() {
        let (lo, hi) = (e["ci95"][0].as_f64().unwrap(), e["ci95"][1].as_f64().unwrap());
        let alpha = e["reliability"]["alpha"].as_f64().unwrap();
        let complete = e["reliability"]["complete"].as_u64().unwrap();
        assert_eq!(scores[i][3], format!("{lo:.1}–{hi:.1}"), "{}", e["foundation"]);
        assert_eq!(agreement[i][1], format!("{alpha:.2}"), "{}", e["foundation"]);
        assert_eq!(agreement[i][2], complete.to_string(), "{}", e["foundation"]);
    }
    // By hand from R's figures: mindset [72.689, 80.644], alpha −0.0385
    // (the items do not hang together), learning 14 complete cases; overall
    // [45.131, 57.369].
    assert_eq!((scores[0][3].as_str(), agreement[0][1].as_str()), ("72.7–80.6", "-0.04"));
    assert_eq!((agreement[4][1].as_str(), agreement[4][2].as_str()), ("-0.10", "14"));
    assert_eq!(scores[6][3], "45.1–57.4");

    // The Markdown table has them too.
    let markdown = sample().to_string();
    assert!(
        markdown.contains("| 1. Collaborative mindset | 15 | 76.7 | 72.7–80.6 | 7.2 | 75.0 | 66.7–83.3 | strength | -0.04 | 0.95 | 0.29 | shared |"),
        "{markdown}"
    );
    assert!(markdown.contains("| **Overall** | 15 | **51.2** | 45.1–57.4 |"), "{markdown}");
}

#[test]
fn a_withheld_foundation_withholds_its_interval_and_alpha() {
    // min_segment 16 > 15: the whole report is suppressed, counts only.
    let team = include_str!("../examples/data/team.jsonl");
    let options = BatchOptions {
        scoring: ScoringOptions { min_segment: 16, ..ScoringOptions::default() },
        ..BatchOptions::default()
    };
    let report = score_batch(team.as_bytes(), Instrument::builtin(), &options).unwrap().report;
    let html = html_report(&report);
    assert!(!html.contains("72.7") && !html.contains("80.6") && !html.contains("-0.04"));
    assert!(!html.contains("How to read these figures"), "a report that shows no figure explains none");
}

#[test]
fn the_organisations_table_is_a_heat_map_with_the_anova_under_it() {
    let html = html_report(&sample());
    let doc = Html::parse_document(&html);
    let table = captioned(&doc, "Mean score per foundation, by organisation");
    let cells: Vec<ElementRef<'_>> = table.select(&Selector::parse("tbody td.heat").unwrap()).collect();
    // Four organisations, each shown on all six foundations.
    assert_eq!(cells.len(), 24);
    for cell in &cells {
        // The band from the number, by the default thresholds (priority
        // below 50, strength from 75); the word is in the cell too.
        let text = text_of(*cell);
        let mean: f64 = text.split(' ').next().unwrap().parse().unwrap();
        let band = if mean >= 75.0 {
            "strength"
        } else if mean >= 50.0 {
            "developing"
        } else {
            "priority"
        };
        let class = cell.value().attr("class").unwrap();
        assert!(class.split(' ').any(|c| c == format!("band-{band}")), "{text}: {class}");
        assert!(text.to_lowercase().ends_with(band), "{text}");
        let word = cell.select(&Selector::parse("span.heat-word").unwrap()).next().unwrap();
        assert_eq!(text_of(word).to_lowercase(), band);
    }
    // City Council: mindset 81.2 (strength), trust 93.8; Community Voice
    // trust 12.5 (priority).
    let rows = rows_of(table);
    assert_eq!(rows[0][2], "81.2 Strength");
    assert_eq!(rows[1][3], "12.5 Priority");
    // Only the organisations' table is shaded.
    let role = captioned(&doc, "Mean score per foundation, by system role");
    assert_eq!(role.select(&Selector::parse("td.heat").unwrap()).count(), 0);

    // The ANOVA per foundation, in R's figures (tests/r/expected.json):
    // mindset F = 13.933, p = 0.000459, η² = 0.7917, ICC(1) 0.7752, ICC(2)
    // 0.9282; trust p = 0.00411; behaviours p = 0.0207; learning F = 0.2271,
    // p = 0.8756.
    let tests: Vec<String> = select(&doc, "#perspectives ul.tests > li").into_iter().map(text_of).collect();
    assert_eq!(tests.len(), 6);
    assert_eq!(
        tests[0],
        "Organisations differ on collaborative mindset: F(3, 11) = 13.9, p < 0.001, η² = 0.79; ICC(1) 0.78, ICC(2) 0.93."
    );
    assert!(
        tests[1].starts_with(
            "Organisations differ on healthy, trusting relationships: F(3, 11) = 8.02, p = 0.004,"
        )
    );
    assert!(tests[3].contains("F(3, 11) = 4.94, p = 0.02, η² = 0.57"), "{}", tests[3]);
    assert_eq!(
        tests[4],
        "Shared learning: no clear difference between organisations (F(3, 11) = 0.23, p = 0.88)."
    );
    // The Markdown report has the same sentences.
    assert!(sample().to_string().contains(&format!("- {}", tests[4])));
}

#[test]
fn the_voice_gap_test_is_in_words() {
    // R: t = 8.1130 on 12.828 df, p = 2.09e-6, interval [32.084, 55.416],
    // d = 3.834 (large: 0.8 or more, Cohen 1988).
    let want = "The gap is beyond noise (Welch's t-test: t = 8.11 on 12.8 degrees of freedom, p < 0.001); its \
                95% interval runs from 32.1 to 55.4, and Cohen's d is 3.83 (large).";
    let html = html_report(&sample());
    let doc = Html::parse_document(&html);
    let power: Vec<String> = select(&doc, "#power > p").into_iter().map(text_of).collect();
    assert_eq!(power.last().unwrap(), want);
    assert!(sample().to_string().contains(want));
}

#[test]
fn a_comparison_says_whether_each_change_is_beyond_noise() {
    let (earlier, later) = (sample(), later_wave());
    let html = HtmlReport::new(&later).with_earlier(&earlier).unwrap().to_html();
    let doc = Html::parse_document(&html);
    let rows = rows_of(captioned(&doc, "Mean score per foundation, earlier and later"));
    // R: learning +25, t = 9.72 on 28 df, p = 1.79e-10, interval [19.732,
    // 30.268]: beyond noise; trust +17.2, p = 0.196, interval [−9.418,
    // 43.863]: within noise; overall 51.25 → 58.287, p = 0.0750, [−0.758,
    // 14.832].
    assert_eq!(
        rows[4],
        [
            "5. Shared learning",
            "33.3",
            "58.3",
            "+25.0",
            "19.7 to 30.3",
            "Priority",
            "Developing",
            "Beyond noise (p < 0.001)"
        ]
    );
    assert_eq!(
        rows[1],
        [
            "2. Healthy, trusting relationships",
            "54.4",
            "71.7",
            "+17.2",
            "-9.4 to 43.9",
            "Developing",
            "Developing",
            "Within noise (p = 0.20)"
        ]
    );
    assert_eq!(
        rows[6],
        [
            "Overall",
            "51.2",
            "58.3",
            "+7.0",
            "-0.8 to 14.8",
            "Developing",
            "Developing",
            "Within noise (p = 0.07)"
        ]
    );
    // The verdict is not told by weight alone: its words say it.
    let beyond = select(&doc, "#change td.beyond");
    assert_eq!(beyond.len(), 1);
    let paragraphs: Vec<String> = select(&doc, "#change > p").into_iter().map(text_of).collect();
    assert!(
        paragraphs.contains(&"Moved band: Shared learning, beyond noise (p < 0.001).".to_owned()),
        "{paragraphs:?}"
    );

    // The Markdown comparison: the same verdicts, and the test in full.
    let markdown = collaboration::Comparison::of_reports(&earlier, &later).unwrap().to_string();
    assert!(
        markdown.contains("| 5. Shared learning | 33.3 | 58.3 | +25.0 | priority → developing | beyond noise (p < 0.001) | t(28) = 9.72, 95% interval 19.7 to 30.3, d = 3.55 |"),
        "{markdown}"
    );
    assert!(
        markdown
            .contains("| within noise (p = 0.20) | t(26.7) = 1.33, 95% interval -9.4 to 43.9, d = 0.48 |"),
        "{markdown}"
    );
    assert!(markdown.contains("Moved band: Shared learning, beyond noise (p < 0.001)."), "{markdown}");
}

#[test]
fn a_band_moved_within_noise_says_so() {
    use Foundation as F;
    // Learning 50 and 75 (mean 62.5, developing), then 75 and 100 (87.5,
    // strength). Each wave's variance is 312.5, so se = √(312.5/2 +
    // 312.5/2) = 17.678, t = 25/17.678 = 1.414 on 2 df, and with 2 df
    // p = 1 − |t|/√(t² + 2) = 1 − 1.414/2 = 0.293: within noise. The
    // interval is 25 ± t(0.975, 2) × se = 25 ± 4.3027 × 17.678 = −51.06 to
    // 101.06.
    let earlier = group(&[
        response("a", None, &[(F::SharedLearning, 3)]),
        response("b", None, &[(F::SharedLearning, 4)]),
    ]);
    let later = group(&[
        response("c", None, &[(F::SharedLearning, 4)]),
        response("d", None, &[(F::SharedLearning, 5)]),
    ]);
    let html = HtmlReport::new(&later).with_earlier(&earlier).unwrap().to_html();
    let doc = Html::parse_document(&html);
    let rows = rows_of(captioned(&doc, "Mean score per foundation, earlier and later"));
    assert_eq!(
        rows[4],
        [
            "5. Shared learning",
            "62.5",
            "87.5",
            "+25.0",
            "-51.1 to 101.1",
            "Developing",
            "Strength",
            "Within noise (p = 0.29)"
        ]
    );
    // Unscored foundations have no test.
    assert_eq!(rows[0][4..], ["—", "—", "—", "—"]);
    let paragraphs: Vec<String> = select(&doc, "#change > p").into_iter().map(text_of).collect();
    assert!(
        paragraphs.contains(&"Moved band: Shared learning, within noise (p = 0.29).".to_owned()),
        "{paragraphs:?}"
    );
    let markdown = collaboration::Comparison::of_reports(&earlier, &later).unwrap().to_string();
    assert!(markdown.contains("Moved band: Shared learning, within noise (p = 0.29)."), "{markdown}");
}

#[test]
fn a_scorecard_comparison_has_no_test_column() {
    let hc = Instrument::builtin();
    let card = |v: u8| hc.score(&response("r", None, &[(Foundation::SharedLearning, v)])).unwrap();
    let markdown = collaboration::Comparison::of_scorecards(&card(3), &card(4)).unwrap().to_string();
    assert!(markdown.contains("| Foundation | Earlier | Later | Change | Band |\n"), "{markdown}");
    assert!(!markdown.contains("noise"), "{markdown}");
    assert!(markdown.contains("Moved band: Shared learning."), "{markdown}");
}

#[test]
fn the_report_explains_each_statistic_with_its_reference() {
    let html = html_report(&sample());
    let doc = Html::parse_document(&html);
    assert_eq!(select(&doc, "nav a[href='#how-to-read']").len(), 1);
    let terms: Vec<String> = select(&doc, "#how-to-read dt").into_iter().map(text_of).collect();
    let explanations: Vec<String> = select(&doc, "#how-to-read dd").into_iter().map(text_of).collect();
    assert_eq!(terms.len(), explanations.len());
    let explained = |term: &str, reference: &str| {
        let i = terms.iter().position(|t| t == term).unwrap_or_else(|| panic!("no {term}"));
        assert!(explanations[i].contains(reference), "{term}: {}", explanations[i]);
    };
    explained("Mean and 95% interval", "Student's t interval");
    explained("Alpha", "Cronbach 1951");
    explained("rwg(j)", "James, Demaree & Wolf 1984");
    explained("AD", "Burke, Finkelstein & Dusig 1999");
    explained("F and η²", "one-way analysis of variance");
    explained("ICC(1) and ICC(2)", "Bliese 2000");
    explained("Welch's t-test", "Welch 1947");
    explained("Cohen's d", "Cohen 1988");
    // And the references in full, as docs/scoring.md gives them.
    let scoring = include_str!("../docs/scoring.md");
    let references: Vec<String> =
        select(&doc, "#how-to-read ul.references > li").into_iter().map(text_of).collect();
    assert_eq!(references.len(), 8);
    let flat = scoring.split_whitespace().collect::<Vec<_>>().join(" ").replace(['*', '"'], "");
    for reference in &references {
        let plain = reference.replace(['“', '”'], "");
        assert!(flat.contains(&plain), "{reference} is not docs/scoring.md's");
    }
}

#[test]
fn the_answers_to_each_item_are_folded_away() {
    let html = html_report(&sample());
    let doc = Html::parse_document(&html);
    let details = select(&doc, "#foundations details");
    assert_eq!(details.len(), 1);
    assert_eq!(
        text_of(details[0].select(&Selector::parse("summary").unwrap()).next().unwrap()),
        "How each item was answered"
    );
    let rows = rows_of(captioned(
        &doc,
        "Answers per item: how many gave each point of the scale (before reverse keying)",
    ));
    // R's counts (tests/r/expected.json `items`): every item, in order, in
    // columns 1 to 7 (the spectrum's seven levels); a 5-point item leaves 6
    // and 7 empty.
    let r = r_expected();
    let items = r["items"].as_array().unwrap();
    assert_eq!(rows.len(), items.len());
    for (row, e) in rows.iter().zip(items) {
        let mut want = vec![e["item"].as_str().unwrap().to_owned()];
        let counts = e["counts"].as_array().unwrap();
        want.extend(counts.iter().map(|c| c.as_u64().unwrap().to_string()));
        want.extend(std::iter::repeat_n(String::new(), 7 - counts.len()));
        want.push(e["not_applicable"].as_u64().unwrap().to_string());
        want.push(e["missing"].as_u64().unwrap().to_string());
        assert_eq!(row, &want);
    }
    assert_eq!(rows[0], ["collaborative-mindset.1", "0", "0", "1", "11", "3", "", "", "0", "0"]);
}

// ----------------------------------------------------------- safe display

/// The bidirectional formatting characters, as UAX #9 lists them: the
/// embeddings and overrides U+202A to U+202E, the isolates U+2066 to
/// U+2069, and the marks U+200E (LRM), U+200F (RLM) and U+061C (ALM).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// An organisation that a right-to-left override (U+202E) would show as
/// "City Council": its letters are "licnuoC ytiC", drawn right to left.
const SPOOF: &str = "\u{202e}licnuoC ytiC";
/// The same name with its override dropped: the letters as they were given.
const SPOOF_SHOWN: &str = "licnuoC ytiC";
/// A report title with an override (a reversed "spring review"), and what
/// shows of it.
const BIDI_TITLE: &str = "\u{202e}weiver gnirps";
const BIDI_TITLE_SHOWN: &str = "weiver gnirps";

/// 170 characters with no space: `RiversideHousingAndCare` (23 characters)
/// seven times (161), then "Riverside" (9).
fn long_name() -> String {
    let name = format!("{}Riverside", "RiversideHousingAndCare".repeat(7));
    assert_eq!(name.chars().count(), 170);
    name
}

/// One respondent in each of three organisations: the spoof (mindset all 1
/// → 0, learning all 3 → 50, and an id with an override, "\u{202e}1-r"),
/// City Council (all 5 → 100 on both) and the long name (mindset 3 → 50,
/// learning 1 → 0).
fn hostile_names() -> GroupReport {
    use Foundation as F;
    let long = long_name();
    group(&[
        response("\u{202e}1-r", Some(SPOOF), &[(F::CollaborativeMindset, 1), (F::SharedLearning, 3)]),
        response("r-2", Some("City Council"), &[(F::CollaborativeMindset, 5), (F::SharedLearning, 5)]),
        response("r-3", Some(&long), &[(F::CollaborativeMindset, 3), (F::SharedLearning, 1)]),
    ])
}

/// The built-in instrument with a title and a source from input that hold
/// bidi controls: an isolate round the source, an override in the title.
fn bidi_instrument() -> Instrument {
    let mut def = Instrument::builtin().definition().clone();
    def.title = "Health check \u{202e}2v".into();
    def.source = "\u{2067}Riverside Research\u{2069}".into();
    Instrument::new(def).unwrap()
}

/// The table with this caption, and the box it is in.
fn captioned<'a>(doc: &'a Html, caption: &str) -> ElementRef<'a> {
    select(doc, "table")
        .into_iter()
        .find(|t| {
            t.select(&Selector::parse("caption").unwrap()).next().map(text_of).as_deref() == Some(caption)
        })
        .unwrap_or_else(|| panic!("no table captioned {caption:?}"))
}

fn rows_of(table: ElementRef<'_>) -> Vec<Vec<String>> {
    table
        .select(&Selector::parse("tbody tr").unwrap())
        .map(|tr| tr.child_elements().map(text_of).collect())
        .collect()
}

#[test]
fn strings_from_input_are_isolated_in_bdi_in_the_html() {
    let report = hostile_names();
    let html = HtmlReport::new(&report).with_title(BIDI_TITLE).with_instrument(&bidi_instrument()).to_html();
    // No bidi control anywhere: not in the text, not in the <title> (which
    // can hold no <bdi>), not in an attribute, not in the inline radar.
    assert!(!html.contains(is_bidi_control), "a bidi control in the HTML");
    let doc = Html::parse_document(&html);
    assert_eq!(text_of(select(&doc, "title")[0]), BIDI_TITLE_SHOWN);
    assert_eq!(text_of(select(&doc, "h1 > bdi")[0]), BIDI_TITLE_SHOWN);

    // The header names the instrument by its title, id and version, each
    // a <bdi>; and its source.
    let meta: Vec<String> = select(&doc, "header p.meta > bdi").into_iter().map(text_of).collect();
    assert_eq!(meta, ["Health check 2v", "collaboration-health-check", "1.0.0", "Riverside Research"]);

    // The organisations' rows: each name the whole of a <bdi> in the row
    // heading. The spoof shows its letters as given, unlike City Council.
    let long = long_name();
    let table = captioned(&doc, "Mean score per foundation, by organisation");
    let mut names: Vec<String> =
        table.select(&Selector::parse("tbody th[scope=row].name > bdi").unwrap()).map(text_of).collect();
    names.sort();
    let mut want = vec!["City Council".to_owned(), long.clone(), SPOOF_SHOWN.to_owned()];
    want.sort();
    assert_eq!(names, want);

    // The perspective gaps name the lowest and highest organisation, each
    // in a <bdi>: mindset 0 (the spoof) to 100 (City Council); learning 0
    // (the long name) to 100 (City Council). No other foundation is scored.
    let table = captioned(&doc, "Perspective gaps by organisation: the highest minus the lowest mean");
    assert_eq!(
        rows_of(table),
        [
            ["1. Collaborative mindset", "100.0", SPOOF_SHOWN, "City Council"],
            ["5. Shared learning", "100.0", long.as_str(), "City Council"]
        ]
    );
    for td in table.select(&Selector::parse("tbody td:nth-child(3), tbody td:nth-child(4)").unwrap()) {
        assert_eq!(td.value().attr("class"), Some("name"));
        let bdi: Vec<ElementRef<'_>> = td.child_elements().collect();
        assert_eq!(bdi.len(), 1);
        assert_eq!((bdi[0].value().name(), text_of(bdi[0])), ("bdi", text_of(td)));
    }

    // And wherever else in the page (outside the radar, which has no
    // <bdi>) a string from input shows, it is the whole of a <bdi>.
    let inputs = [
        SPOOF_SHOWN,
        "City Council",
        long.as_str(),
        BIDI_TITLE_SHOWN,
        "Health check 2v",
        "Riverside Research",
        "collaboration-health-check",
    ];
    let mut seen = [0; 7];
    for node in doc.tree.nodes() {
        let scraper::Node::Text(text) = node.value() else { continue };
        let mut elements = node.ancestors().filter_map(ElementRef::wrap).map(|e| e.value().name());
        if elements.clone().any(|name| ["svg", "title", "style"].contains(&name)) {
            continue;
        }
        for (input, seen) in inputs.iter().zip(&mut seen) {
            if text.contains(input) {
                *seen += 1;
                assert_eq!((&**text, elements.next()), (*input, Some("bdi")), "{input} outside a <bdi>");
            }
        }
    }
    // The spoof and the long name are in the organisation table and the
    // gaps; City Council there and in both gaps; the rest in the header.
    assert_eq!(seen, [2, 3, 2, 1, 1, 1, 1]);
}

#[test]
fn the_svg_holds_no_bidi_control() {
    let report = hostile_names();
    let card = Instrument::builtin()
        .score(&response("\u{202e}1-r", Some(SPOOF), &[(Foundation::SharedLearning, 3)]))
        .unwrap();
    let html = HtmlReport::new(&report).with_title(BIDI_TITLE).to_html();
    let start = html.find("<svg").unwrap();
    let inline = &html[start..html.find("</svg>").unwrap() + "</svg>".len()];
    for (svg, shown) in [
        (radar_svg(&report), None),
        (Radar::from_report(&report).with_title(BIDI_TITLE).to_svg(), Some(BIDI_TITLE_SHOWN)),
        (Radar::from_scorecard(&card).to_svg(), Some("1-r")),
        (inline.to_owned(), None),
    ] {
        assert!(!svg.contains(is_bidi_control), "a bidi control in {svg}");
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let title = svg_elements(&doc, "text", "chart-title");
        assert_eq!(title.len(), 1);
        // The string from input in the title, if any, is isolated in a
        // tspan of its own; the words before it are the crate's.
        let tspans: Vec<roxmltree::Node<'_, '_>> =
            title[0].children().filter(|n| n.has_tag_name((SVG_NS, "tspan"))).collect();
        match shown {
            Some(shown) => {
                assert_eq!(tspans.len(), 1);
                assert_eq!(tspans[0].text(), Some(shown));
                assert_eq!(tspans[0].attribute("unicode-bidi"), Some("isolate"));
                assert!(svg_text(title[0]).ends_with(shown));
            }
            None => assert!(tspans.is_empty()),
        }
    }
    // The scorecard's title and description name the respondent as "1-r".
    let svg = Radar::from_scorecard(&card).to_svg();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let title = doc.descendants().find(|n| n.has_tag_name((SVG_NS, "title"))).unwrap();
    assert_eq!(title.text(), Some("The six foundations: respondent 1-r"));
    let desc = doc.descendants().find(|n| n.has_tag_name((SVG_NS, "desc"))).unwrap();
    assert!(desc.text().unwrap().starts_with("Scores out of 100 of respondent 1-r on"));
}

#[test]
fn the_html_report_reads_on_a_narrow_screen() {
    let html = HtmlReport::new(&hostile_names()).to_html();
    let doc = Html::parse_document(&html);

    // The screen stylesheet (before the print one): long words wrap
    // anywhere in headings and text, and in a table in the cells that hold
    // a name from input (`.name`: other cells keep their words whole, and
    // a table too wide for the page scrolls in its box); the radar scales
    // with the page.
    let style = text_of(select(&doc, "head style")[0]);
    let screen = style.split("@media").next().unwrap();
    let rules: Vec<(Vec<&str>, &str)> = screen
        .split('}')
        .filter_map(|rule| {
            let (selectors, body) = rule.split_once('{')?;
            Some((selectors.split(',').map(str::trim).collect(), body))
        })
        .collect();
    let has = |selector: &str, declaration: &str| {
        rules.iter().any(|(selectors, body)| selectors.contains(&selector) && body.contains(declaration))
    };
    for selector in ["th.name", "td.name", "h1", "h2", "h3", "p", "li", "caption"] {
        assert!(has(selector, "overflow-wrap: anywhere"), "{selector}");
    }
    assert!(has(".table-scroll", "overflow-x: auto"));
    assert!(has("svg.radar", "max-width: 100%") && has("svg.radar", "height: auto"));
    // In print nothing scrolls: the tables and the radar are shown whole.
    let print = &style[style.find("@media print").unwrap()..];
    assert!(print.contains(".chart-scroll, .table-scroll { overflow: visible; }"), "{print}");

    // Every table is in a box of its own that scrolls: a region named by
    // the table's caption, which the keyboard can reach. There are eight:
    // the foundations' scores, their agreement, and the answers per item;
    // by organisation and its gaps; by structural power (one side only, so
    // no gaps); power; the spectrum. No respondent gave a role or answered
    // a misconception statement.
    let tables = select(&doc, "table");
    assert_eq!(tables.len(), 8);
    assert_eq!(select(&doc, "div.table-scroll > table").len(), tables.len());
    for table in tables {
        let scroll = ElementRef::wrap(table.parent().unwrap()).unwrap();
        let caption = text_of(table.select(&Selector::parse("caption").unwrap()).next().unwrap());
        let a = |name| scroll.value().attr(name);
        assert_eq!((a("class"), a("role"), a("tabindex")), (Some("table-scroll"), Some("region"), Some("0")));
        assert_eq!(a("aria-label"), Some(caption.as_str()));
        assert_eq!(table.child_elements().count(), 3, "caption, thead and tbody");
    }

    // The radar scales: its user space is 760 × 690 whatever its size.
    let svg = select(&doc, "figure > .chart-scroll > svg.radar");
    assert_eq!(svg.len(), 1);
    assert_eq!(svg[0].value().attr("viewBox"), Some("0 0 760 690"));
    let scroll = ElementRef::wrap(svg[0].parent().unwrap()).unwrap();
    assert_eq!(scroll.value().attr("tabindex"), Some("0"));
    assert_eq!(scroll.value().attr("aria-label"), Some("The six foundations: mean of 3 respondents"));
}

// ---------------------------------------------------------------- pixels

/// The straight RGBA of a pixel of a rendering at scale 1.
fn pixel(image: &raster::Image, x: u32, y: u32) -> [u8; 4] {
    let i = ((y * image.width + x) * 4) as usize;
    image.rgba[i..i + 4].try_into().unwrap()
}

fn near_colour(got: [u8; 4], want: [f64; 3]) -> bool {
    got[3] == 255 && got.iter().zip(want).all(|(&g, w)| (f64::from(g) - w).abs() <= 3.0)
}

#[test]
fn the_svg_renders_to_a_picture() {
    let svg = radar_svg(&sample());
    let image = raster::rasterise(&svg, 1.0).unwrap();
    assert_eq!((image.width, image.height), (760, 690));
    // Not blank: the white page is not all there is.
    let total = image.rgba.len() / 4;
    let coloured = image.rgba.chunks(4).filter(|p| p[..3] != [255, 255, 255]).count();
    assert!(coloured * 5 > total, "{coloured} of {total} pixels drawn");
    // The strength zone at angle 0, 160 from the centre: between the
    // 75-ring's edge (150 cos 30° = 129.9) and the frame's (173.2), off
    // every axis and far from the polygon: #dcefdc.
    assert!(near_colour(pixel(&image, 540, 330), [220.0, 239.0, 220.0]), "{:?}", pixel(&image, 540, 330));
    // 20 right of the centre: the priority zone (#f9dedb) under the mean
    // polygon's fill (#1d4f91 at 15%): 0.85 × (249, 222, 219) + 0.15 ×
    // (29, 79, 145) = (216.0, 200.6, 207.9).
    assert!(near_colour(pixel(&image, 400, 330), [216.0, 200.55, 207.9]), "{:?}", pixel(&image, 400, 330));
    // Outside the frame, beside the chart: the white page.
    assert!(near_colour(pixel(&image, 10, 330), [255.0, 255.0, 255.0]));
}

// ------------------------------------------------------- the README image

#[test]
fn the_readme_image_is_current() {
    let root = env!("CARGO_MANIFEST_DIR");
    let svg = radar_svg(&sample());
    let regenerate = "out of date: run `cargo run -p collaboration-tools --bin readme-image`";
    let committed = std::fs::read_to_string(format!("{root}/docs/radar.svg")).unwrap();
    assert!(committed == svg, "docs/radar.svg is {regenerate}");

    let png = std::fs::read(format!("{root}/docs/radar.png")).unwrap();
    let (image, source) = raster::decode(&png).unwrap();
    assert_eq!((image.width, image.height), (1520, 1380), "docs/radar.png is {regenerate}");
    assert!(source.as_deref() == Some(svg.as_str()), "docs/radar.png is {regenerate}");

    // The pixels are a rendering of that SVG: a fresh one agrees with them
    // everywhere but in the text, where this machine's fonts may differ
    // (text is about 3% of the picture, so no more than 10% may differ).
    let fresh = raster::rasterise(&svg, raster::SCALE).unwrap();
    let differ = image
        .rgba
        .chunks(4)
        .zip(fresh.rgba.chunks(4))
        .filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > 8))
        .count();
    let total = image.rgba.len() / 4;
    assert!(differ * 10 < total, "{differ} of {total} pixels differ: docs/radar.png is {regenerate}");

    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    assert!(readme.contains("](docs/radar.png)"));
    assert!(readme.contains("cargo run -p collaboration-tools --bin readme-image"));
}

#[test]
fn render_types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Radar>();
    assert_send_sync::<HtmlReport<'_>>();
}

#[test]
fn a_report_scored_with_custom_bands_draws_its_rings_at_them() {
    // Bands 60/80: the report carries them, and the radar and the HTML
    // draw its rings there without being told. A ring at score s has its
    // top vertex s × 200 / 100 = 2s above the centre (380, 330): 60 → y 210,
    // 80 → y 170.
    let team = include_str!("../examples/data/team.jsonl");
    let bands = collaboration::Bands::new(60.0, 80.0).unwrap();
    let scoring = ScoringOptions { bands, ..ScoringOptions::default() };
    let options = BatchOptions { scoring, ..BatchOptions::default() };
    let report = score_batch(team.as_bytes(), Instrument::builtin(), &options).unwrap().report;
    assert_eq!(report.options.bands, bands);
    for svg in [radar_svg(&report), html_report(&report)] {
        let start = svg.find("<svg").unwrap();
        let end = svg.find("</svg>").unwrap() + "</svg>".len();
        let doc = roxmltree::Document::parse(&svg[start..end]).unwrap();
        let rings = svg_elements(&doc, "polygon", "band-ring");
        let scores: Vec<&str> = rings.iter().map(|r| r.attribute("data-score").unwrap()).collect();
        assert_eq!(scores, ["60", "80"]);
        let tops: Vec<(f64, f64)> =
            rings.iter().map(|r| parse_points(r.attribute("points").unwrap())[0]).collect();
        assert_eq!(tops, [(380.0, 210.0), (380.0, 170.0)]);
    }
    // And the caption says so.
    assert!(html_report(&report).contains("priority below 60, developing from 60, strength from 80"));
    // A scorecard carries its bands too: 75 is developing under 60/80.
    let card = Instrument::builtin()
        .check(&response("r", None, &[(Foundation::SharedLearning, 4)]))
        .unwrap()
        .scorecard(&scoring);
    assert_eq!(card.options.bands, bands);
    let learning = card.foundation(Foundation::SharedLearning).unwrap();
    assert_eq!((learning.score, learning.band), (Some(75.0), Some(collaboration::Band::Developing)));
    let svg = Radar::from_scorecard(&card).to_svg();
    assert!(svg.contains("data-score=\"80\""), "the scorecard's radar draws its own bands");
}

#[test]
fn markdown_explains_how_to_read_the_figures() {
    // issue 16: one sentence per statistic, with its reference (the
    // references of docs/scoring.md).
    let report = collaboration::score_batch(
        include_str!("../examples/data/team.jsonl").as_bytes(),
        collaboration::Instrument::builtin(),
        &collaboration::BatchOptions::default(),
    )
    .unwrap()
    .report;
    let text = report.to_string();
    let section = text.split("## How to read these figures").nth(1).expect("no How to read section");
    for reference in
        ["Cronbach 1951", "James, Demaree & Wolf 1984", "Bliese 2000", "Welch 1947", "Cohen 1988"]
    {
        assert!(section.contains(reference), "{reference} missing");
    }
}
