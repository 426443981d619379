//! The partner map's pictures and exports, read back with real parsers:
//! the SVG network and the GraphML with roxmltree, the CSV with the csv
//! crate, the HTML report with html5ever through scraper, and the
//! committed picture rendered with resvg.
//!
//! What each picture must hold comes from the `PartnerMap` it is drawn
//! from (every figure the map has, read back from the picture, is the
//! map's own), from the geometry `NetworkDiagram` documents, and, for the
//! sample team, from its ratings worked by hand: City Council's two raters
//! gave Community Voice 6 and 6 (current 6.0) and Community Voice's two
//! gave City Council 3 and 2 (2.5), 3.5 levels apart, so that pair is
//! mismatched; Housing Association ↔ NHS Trust is 5.5 each way, needing 3.5
//! and 4.0, so it is over-collaborating. The figures themselves are checked
//! by hand in the map's own tests; here they are the pictures' input.
#![cfg(feature = "html")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
// The figures read back are compared bit for bit: they must be the map's
// own numbers, not near them. Counts here are tiny.
#![allow(clippy::float_cmp, clippy::cast_precision_loss)]

#[path = "util/raster.rs"]
mod raster;

use collaboration::render::{NetworkDiagram, TIES_CSV_COLUMNS, graphml, network_svg, ties_csv};
use collaboration::report::PartnerMap;
use collaboration::{BatchOptions, GroupReport, HtmlReport, Instrument, ScoringOptions, score_batch};
use scraper::{ElementRef, Html, Selector};

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";

fn sample_report() -> GroupReport {
    let team = include_str!("../examples/data/team.jsonl");
    score_batch(team.as_bytes(), Instrument::builtin(), &BatchOptions::default()).unwrap().report
}

fn sample() -> PartnerMap {
    sample_report().partners.unwrap()
}

/// One response of `organisation`'s respondent `id`, rating each partner
/// (name, current, needed).
fn line(id: &str, organisation: &str, partners: &[(&str, u8, u8)]) -> String {
    let partners: serde_json::Map<String, serde_json::Value> = partners
        .iter()
        .map(|&(name, current, needed)| {
            (name.to_owned(), serde_json::json!({ "current": current, "needed": needed }))
        })
        .collect();
    serde_json::json!({
        "instrument": "collaboration-health-check",
        "respondent": { "id": id, "organisation": organisation },
        "answers": { "shared-learning.1": 3 },
        "partners": partners,
    })
    .to_string()
}

/// The report of these response lines, with partner ties of fewer than
/// `min_partner_raters` raters suppressed.
fn report_of(lines: &[String], min_partner_raters: usize) -> GroupReport {
    let scoring = ScoringOptions { min_partner_raters, min_segment: 1, ..ScoringOptions::default() };
    let options = BatchOptions { scoring, ..BatchOptions::default() };
    let batch = lines.join("\n");
    score_batch(batch.as_bytes(), Instrument::builtin(), &options).unwrap().report
}

fn map_of(lines: &[String], min_partner_raters: usize) -> PartnerMap {
    report_of(lines, min_partner_raters).partners.unwrap()
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

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, tag: &str, class: &str) -> roxmltree::Node<'a, 'i> {
    node.descendants()
        .find(|n| n.has_tag_name((SVG_NS, tag)) && (class.is_empty() || has_class(*n, class)))
        .unwrap_or_else(|| panic!("no {tag}.{class}"))
}

fn number(node: roxmltree::Node<'_, '_>, name: &str) -> f64 {
    node.attribute(name).unwrap().parse().unwrap()
}

/// The (x, y) pairs of a `points` attribute.
fn points(text: &str) -> Vec<(f64, f64)> {
    text.split_whitespace()
        .map(|pair| {
            let (x, y) = pair.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

/// The first point of a path's `d` ("M x,y …").
fn path_start(d: &str) -> (f64, f64) {
    let first = d.trim_start_matches('M').split_whitespace().next().unwrap();
    points(first)[0]
}

fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

/// Where `NetworkDiagram` documents organisation `i` of `n`: angle
/// −90° + 360° i / n, 220 from (450, 390); a lone one at the centre.
fn documented_place(i: usize, n: usize) -> (f64, f64) {
    if n == 1 {
        return (450.0, 390.0);
    }
    let angle = (-90.0 + 360.0 * i as f64 / n as f64).to_radians();
    (450.0 + 220.0 * angle.cos(), 390.0 + 220.0 * angle.sin())
}

fn text_of(element: ElementRef<'_>) -> String {
    element.text().collect::<String>()
}

fn select<'a>(html: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

/// Checks the SVG of a map against the map: it parses; one `g.tie` per
/// shown tie, with the tie's figures exactly; its line as wide as
/// documented, running from the rating organisation to the partner; the
/// pairs' marks; one node per organisation where documented.
fn assert_svg_matches(svg: &str, map: &PartnerMap) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("viewBox"), Some("0 0 900 900"));
    assert!(!svg.contains("<script"));

    let nodes = svg_elements(&doc, "g", "organisation");
    assert_eq!(nodes.len(), map.organisations.len());
    let mut centre = std::collections::HashMap::new();
    for (i, (node, organisation)) in nodes.iter().zip(&map.organisations).enumerate() {
        assert_eq!(node.attribute("data-name"), Some(organisation.name.as_str()));
        let circle = child(*node, "circle", "");
        let at = (number(circle, "cx"), number(circle, "cy"));
        let want = documented_place(i, map.organisations.len());
        assert!(distance(at, want) < 0.01, "{}: {at:?}, want {want:?}", organisation.name);
        centre.insert(organisation.name.clone(), at);
    }

    let ties = svg_elements(&doc, "g", "tie");
    assert_eq!(ties.len(), map.ties.len());
    for tie in &map.ties {
        let found: Vec<_> = ties
            .iter()
            .filter(|t| {
                t.attribute("data-from") == Some(&tie.from) && t.attribute("data-to") == Some(&tie.to)
            })
            .collect();
        assert_eq!(found.len(), 1, "{} → {}", tie.from, tie.to);
        let g = *found[0];
        // Read back, the figures are the map's, bit for bit.
        assert_eq!(g.attribute("data-raters").unwrap().parse::<u64>().unwrap(), tie.raters);
        assert_eq!(number(g, "data-current"), tie.current);
        assert_eq!(number(g, "data-needed"), tie.needed);
        assert_eq!(number(g, "data-need-gap"), tie.need_gap);
        // Its width is 1.5 × the current level (written to two places).
        let path = child(g, "path", "tie-line");
        assert!((number(path, "stroke-width") - 1.5 * tie.current).abs() <= 0.005);
        // It leaves the rating organisation and points at the partner.
        let (from, to) = (centre[&tie.from], centre[&tie.to]);
        let start = path_start(path.attribute("d").unwrap());
        assert!(distance(start, from) < distance(start, to));
        let tip = points(child(g, "polygon", "arrowhead").attribute("points").unwrap())[0];
        assert!(distance(tip, to) < distance(tip, from));
        // Its colour step is the documented one for its gap.
        let step = match tie.need_gap {
            g if g >= 1.5 => "gap-much-closer",
            g if g >= 0.5 => "gap-closer",
            g if g > -0.5 => "gap-none",
            g if g > -1.5 => "gap-less",
            _ => "gap-much-less",
        };
        assert!(has_class(g, step), "{} → {}: {:?}", tie.from, tie.to, g.attribute("class"));
        let pair = map.pair(&tie.from, &tie.to).unwrap();
        assert_eq!(has_class(g, "mismatched"), pair.mismatched);
        assert_eq!(has_class(g, "over-collaborating"), pair.over_collaborating);
    }

    let marks = |class: &str| -> Vec<(String, String)> {
        svg_elements(&doc, "g", "pair-mark")
            .into_iter()
            .filter(|m| has_class(*m, class))
            .map(|m| {
                (
                    m.attribute("data-first").unwrap().to_owned(),
                    m.attribute("data-second").unwrap().to_owned(),
                )
            })
            .collect()
    };
    let pairs = |flag: fn(&collaboration::report::PartnerPair) -> bool| -> Vec<(String, String)> {
        map.pairs.iter().filter(|p| flag(p)).map(|p| (p.first.clone(), p.second.clone())).collect()
    };
    assert_eq!(marks("mismatched"), pairs(|p| p.mismatched));
    assert_eq!(marks("over-collaborating"), pairs(|p| p.over_collaborating));
}

// ------------------------------------------------------------ the sample

#[test]
fn the_sample_network_parses_and_its_ties_match_the_map() {
    let map = sample();
    assert_svg_matches(&network_svg(&map), &map);
    // The hand-worked pairs of the module comment, marked.
    let doc_svg = network_svg(&map);
    let doc = roxmltree::Document::parse(&doc_svg).unwrap();
    let mark = |class: &str| -> Vec<(String, String)> {
        svg_elements(&doc, "g", "pair-mark")
            .into_iter()
            .filter(|m| has_class(*m, class))
            .map(|m| {
                (
                    m.attribute("data-first").unwrap().to_owned(),
                    m.attribute("data-second").unwrap().to_owned(),
                )
            })
            .collect()
    };
    assert_eq!(mark("mismatched"), [("City Council".to_owned(), "Community Voice".to_owned())]);
    assert_eq!(mark("over-collaborating"), [("Housing Association".to_owned(), "NHS Trust".to_owned())]);
    // Ten ties: every ordered pair of the four but Community Voice ↔ NHS
    // Trust, which no one rated.
    assert_eq!(svg_elements(&doc, "g", "tie").len(), 10);
    assert_eq!(svg_elements(&doc, "line", "mismatch-line").len(), 1);
}

#[test]
fn the_title_and_description_state_every_figure() {
    let map = sample();
    let svg = network_svg(&map);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("aria-labelledby"), Some("network-title network-desc"));
    let title = doc.descendants().find(|n| n.has_tag_name((SVG_NS, "title"))).unwrap();
    assert_eq!(title.attribute("id"), Some("network-title"));
    assert_eq!(title.text(), Some("The partner map: 4 organisations, 10 ties"));
    let desc = doc.descendants().find(|n| n.has_tag_name((SVG_NS, "desc"))).unwrap();
    assert_eq!(desc.attribute("id"), Some("network-desc"));
    let desc = desc.text().unwrap();
    for tie in &map.ties {
        let raters = if tie.raters == 1 { "rater" } else { "raters" };
        let want = format!(
            "{} to {}: {} {raters}, current {:.1}, needed {:.1}, need gap {:+.1};",
            tie.from, tie.to, tie.raters, tie.current, tie.needed, tie.need_gap
        );
        assert!(desc.contains(&want), "{want} not in {desc}");
    }
    // By hand from the sample: City Council's two raters gave Community
    // Voice trust 4 and 5 (4.5) and value 5 and 4 (4.5); its one rater of
    // Housing Association gave neither.
    assert!(desc.contains("City Council to Community Voice: 2 raters, current 6.0, needed 6.5, need gap +0.5; trust 4.5 (2 ratings), value 4.5 (2 ratings)."));
    assert!(desc.contains("City Council to Housing Association: 1 rater, current 4.0, needed 5.0, need gap +1.0; trust not rated, value not rated."));
    assert!(desc.contains("Mismatched, seeing their collaboration 2 or more levels apart: City Council and Community Voice (6.0 against 2.5, a gap of 3.5)."));
    assert!(desc.contains(
        "Over-collaborating, both directions needing less than they have: Housing Association and NHS Trust."
    ));
    // Density by hand: 10 of the 12 ordered pairs are tied (83%); 4 have a
    // current level of 5 or more (6.0, 5.0, 5.5, 5.5: 33%), 1 of 6 or more
    // (8%), none of 7.
    assert!(desc.contains("83% at level 1 or closer"));
    assert!(desc.contains("33% at level 5 or closer"));
    assert!(desc.contains("8% at level 6 or closer, 0% at level 7 or closer."));
    assert!(desc.contains("1 of 5 pairs with both ties shown is mismatched (20%); 1 over-collaborating."));
    assert!(desc.contains("City Council: rates 3 partners, rated by 3; seen as 3.7"));
    // A title set replaces the default, as the accessible name too.
    let svg = NetworkDiagram::new(&map).with_title("Riverside <partners>").to_svg();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let title = doc.descendants().find(|n| n.has_tag_name((SVG_NS, "title"))).unwrap();
    assert_eq!(title.text(), Some("Riverside <partners>"));
}

#[test]
fn the_csv_reads_back_as_the_maps_ties() {
    let map = sample();
    let csv_text = ties_csv(&map);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(headers, TIES_CSV_COLUMNS);
    assert_eq!(
        TIES_CSV_COLUMNS,
        [
            "from",
            "to",
            "raters",
            "current",
            "needed",
            "need_gap",
            "trust",
            "trust_raters",
            "value",
            "value_raters",
            "mismatched",
            "over_collaborating"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), map.ties.len());
    let optional = |cell: &str| if cell.is_empty() { None } else { Some(cell.parse::<f64>().unwrap()) };
    for (row, tie) in rows.iter().zip(&map.ties) {
        assert_eq!(&row[0], tie.from);
        assert_eq!(&row[1], tie.to);
        assert_eq!(row[2].parse::<u64>().unwrap(), tie.raters);
        assert_eq!(row[3].parse::<f64>().unwrap(), tie.current);
        assert_eq!(row[4].parse::<f64>().unwrap(), tie.needed);
        assert_eq!(row[5].parse::<f64>().unwrap(), tie.need_gap);
        assert_eq!(optional(&row[6]), tie.trust);
        assert_eq!(row[7].parse::<u64>().unwrap(), tie.trust_raters);
        assert_eq!(optional(&row[8]), tie.value);
        assert_eq!(row[9].parse::<u64>().unwrap(), tie.value_raters);
        let pair = map.pair(&tie.from, &tie.to).unwrap();
        assert_eq!(row[10].parse::<bool>().unwrap(), pair.mismatched);
        assert_eq!(row[11].parse::<bool>().unwrap(), pair.over_collaborating);
    }
    // Both directions of the mismatched pair say so, and only they.
    let flagged: Vec<(&str, &str)> =
        rows.iter().filter(|r| &r[10] == "true").map(|r| (&r[0], &r[1])).collect();
    assert_eq!(flagged, [("City Council", "Community Voice"), ("Community Voice", "City Council")]);
}

/// The `<data>` of a GraphML element, by attribute name (through its
/// `<key>`).
fn graphml_data(
    node: roxmltree::Node<'_, '_>,
    keys: &std::collections::HashMap<String, (String, String)>,
) -> std::collections::HashMap<String, String> {
    node.children()
        .filter(|c| c.has_tag_name((GRAPHML_NS, "data")))
        .map(|d| {
            let (name, _) = &keys[d.attribute("key").unwrap()];
            (name.clone(), d.text().unwrap_or_default().to_owned())
        })
        .collect()
}

/// Checks the GraphML of a map against the map.
fn assert_graphml_matches(xml: &str, map: &PartnerMap) {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let root = doc.root_element();
    assert!(root.has_tag_name((GRAPHML_NS, "graphml")));
    // Every key: id → (name, type), each type one GraphML knows.
    let keys: std::collections::HashMap<String, (String, String)> = root
        .children()
        .filter(|c| c.has_tag_name((GRAPHML_NS, "key")))
        .map(|k| {
            let kind = k.attribute("attr.type").unwrap();
            assert!(["int", "double", "boolean", "string"].contains(&kind), "{kind}");
            (
                k.attribute("id").unwrap().to_owned(),
                (k.attribute("attr.name").unwrap().to_owned(), kind.to_owned()),
            )
        })
        .collect();
    let type_of = |on: &str, name: &str| {
        let key = root
            .children()
            .find(|k| {
                k.has_tag_name((GRAPHML_NS, "key"))
                    && k.attribute("for") == Some(on)
                    && k.attribute("attr.name") == Some(name)
            })
            .unwrap_or_else(|| panic!("no {on} key {name}"));
        key.attribute("attr.type").unwrap().to_owned()
    };
    for (on, name, kind) in [
        ("node", "seen_as", "double"),
        ("node", "sees", "double"),
        ("node", "need_gap", "double"),
        ("node", "in_ties", "int"),
        ("node", "out_ties", "int"),
        ("edge", "raters", "int"),
        ("edge", "current", "double"),
        ("edge", "needed", "double"),
        ("edge", "need_gap", "double"),
        ("edge", "trust", "double"),
        ("edge", "trust_raters", "int"),
        ("edge", "value", "double"),
        ("edge", "value_raters", "int"),
        ("edge", "mismatched", "boolean"),
        ("edge", "over_collaborating", "boolean"),
        ("edge", "weight", "double"),
    ] {
        assert_eq!(type_of(on, name), kind, "{on} {name}");
    }
    let graph = root.children().find(|c| c.has_tag_name((GRAPHML_NS, "graph"))).unwrap();
    assert_eq!(graph.attribute("edgedefault"), Some("directed"));
    let nodes: Vec<_> = graph.children().filter(|c| c.has_tag_name((GRAPHML_NS, "node"))).collect();
    assert_eq!(nodes.len(), map.organisations.len());
    let mut label_of = std::collections::HashMap::new();
    for (node, organisation) in nodes.iter().zip(&map.organisations) {
        let data = graphml_data(*node, &keys);
        assert_eq!(data["label"], organisation.name);
        label_of.insert(node.attribute("id").unwrap().to_owned(), organisation.name.clone());
        assert_eq!(data["out_ties"].parse::<u64>().unwrap(), organisation.out_ties);
        assert_eq!(data["in_ties"].parse::<u64>().unwrap(), organisation.in_ties);
        for (name, value) in [
            ("seen_as", organisation.seen_as),
            ("sees", organisation.sees),
            ("need_gap", organisation.need_gap),
        ] {
            assert_eq!(data.get(name).map(|v| v.parse::<f64>().unwrap()), value, "{name}");
        }
    }
    let edges: Vec<_> = graph.children().filter(|c| c.has_tag_name((GRAPHML_NS, "edge"))).collect();
    assert_eq!(edges.len(), map.ties.len());
    for (edge, tie) in edges.iter().zip(&map.ties) {
        assert_eq!(label_of[edge.attribute("source").unwrap()], tie.from);
        assert_eq!(label_of[edge.attribute("target").unwrap()], tie.to);
        let data = graphml_data(*edge, &keys);
        let double = |name: &str| data.get(name).map(|v| v.parse::<f64>().unwrap());
        let int = |name: &str| data[name].parse::<u64>().unwrap();
        assert_eq!(int("raters"), tie.raters);
        assert_eq!(double("current"), Some(tie.current));
        assert_eq!(double("weight"), Some(tie.current));
        assert_eq!(double("needed"), Some(tie.needed));
        assert_eq!(double("need_gap"), Some(tie.need_gap));
        assert_eq!(double("trust"), tie.trust);
        assert_eq!(int("trust_raters"), tie.trust_raters);
        assert_eq!(double("value"), tie.value);
        assert_eq!(int("value_raters"), tie.value_raters);
        let pair = map.pair(&tie.from, &tie.to).unwrap();
        assert_eq!(data["mismatched"].parse::<bool>().unwrap(), pair.mismatched);
        assert_eq!(data["over_collaborating"].parse::<bool>().unwrap(), pair.over_collaborating);
        assert_eq!(double("reciprocity_gap"), pair.reciprocity_gap);
    }
}

#[test]
fn the_graphml_parses_with_its_attributes_intact() {
    let map = sample();
    let xml = graphml(&map);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
    assert_graphml_matches(&xml, &map);
    // The sample's two trust means that one rating gave are shown (the
    // default `min_partner_raters` is 1); City Council → Housing
    // Association has none, and no trust `<data>`.
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let edge = doc.descendants().find(|n| n.attribute("id") == Some("e2")).unwrap();
    assert_eq!(edge.attribute("source"), Some("n1"));
    assert_eq!(edge.attribute("target"), Some("n3"));
    assert!(!edge.children().any(|d| d.attribute("key") == Some("e_trust")));
}

#[test]
fn the_html_report_holds_the_network_and_the_matrix() {
    let report = sample_report();
    let map = report.partners.clone().unwrap();
    let html = HtmlReport::new(&report).to_html();
    let doc = Html::parse_document(&html);
    assert!(select(&doc, "script").is_empty());
    let section = select(&doc, "section#partners");
    assert_eq!(section.len(), 1);
    assert_eq!(text_of(select(&doc, "section#partners > h2")[0]), "The partner map");
    assert!(select(&doc, "nav a[href='#partners']").len() == 1);

    // The network, inline, with its text alternative.
    let svg = select(&doc, "section#partners figure > .chart-scroll > svg.network");
    assert_eq!(svg.len(), 1);
    assert_eq!(svg[0].value().attr("role"), Some("img"));
    assert_eq!(select(&doc, "section#partners svg.network g.tie").len(), map.ties.len());
    assert_eq!(select(&doc, "section#partners figure > figcaption").len(), 1);

    // The disclosure note.
    let note = text_of(select(&doc, "section#partners p.disclosure")[0]);
    assert!(note.contains("on behalf of organisations, not anonymously"), "{note}");

    // The matrix: a column and a row per organisation, a cell per ordered
    // pair; a tie's cell gives its current and needed levels, gap and
    // raters, shaded by its level; a mismatched pair's cells say so.
    let matrix = select(&doc, "table")
        .into_iter()
        .find(|t| {
            text_of(t.select(&Selector::parse("caption").unwrap()).next().unwrap())
                .starts_with("Current level of collaboration")
        })
        .unwrap();
    let heads: Vec<String> = matrix.select(&Selector::parse("thead th").unwrap()).map(text_of).collect();
    assert_eq!(heads, ["From \\ to", "City Council", "Community Voice", "Housing Association", "NHS Trust"]);
    let rows: Vec<ElementRef<'_>> = matrix.select(&Selector::parse("tbody tr").unwrap()).collect();
    assert_eq!(rows.len(), 4);
    let cell = |from: &str, to: &str| -> ElementRef<'_> {
        let r = map.organisations.iter().position(|o| o.name == from).unwrap();
        let c = map.organisations.iter().position(|o| o.name == to).unwrap();
        rows[r].select(&Selector::parse("td").unwrap()).nth(c).unwrap()
    };
    for tie in &map.ties {
        let td = cell(&tie.from, &tie.to);
        let text = text_of(td);
        assert!(text.starts_with(&format!("{:.1}", tie.current)), "{text}");
        assert!(text.contains(&format!("needs {:.1} ({:+.1})", tie.needed, tie.need_gap)), "{text}");
        // The nearest level, halves up: 2.5 is shaded as 3.
        let level = (tie.current + 0.5).floor();
        assert!(td.value().attr("class").unwrap().split(' ').any(|c| c == format!("level-{level}")));
        let pair = map.pair(&tie.from, &tie.to).unwrap();
        assert_eq!(text.contains("≠ mismatched"), pair.mismatched, "{text}");
        assert_eq!(text.contains("▼ over-collaborating"), pair.over_collaborating, "{text}");
    }
    assert_eq!(text_of(cell("City Council", "City Council")), "itself");
    assert_eq!(text_of(cell("Community Voice", "NHS Trust")), "not rated");
    assert_eq!(text_of(cell("NHS Trust", "Community Voice")), "not rated");
    // By hand: City Council → Community Voice, 6.0 needing 6.5, mismatched.
    assert_eq!(text_of(cell("City Council", "Community Voice")), "6.0needs 6.5 (+0.5)2 raters≠ mismatched");

    // The shades are in the stylesheet, one per level.
    let style = text_of(select(&doc, "head style")[0]);
    for level in 1..=7 {
        assert!(style.contains(&format!("td.level-{level} {{ background: #")), "level {level}");
    }
    // The pairs' and organisations' tables.
    let captions: Vec<String> = select(&doc, "section#partners caption").into_iter().map(text_of).collect();
    assert_eq!(
        captions,
        [
            "Current level of collaboration, from each organisation (row) to each partner (column)",
            "Each pair of organisations: how each side sees their collaboration",
            "Each organisation in the partner map",
        ]
    );
    assert!(text_of(section[0]).contains("How to read the partner map"));
}

#[test]
fn a_report_without_partner_ratings_has_no_partner_section() {
    let lines: Vec<String> = include_str!("../examples/data/team.jsonl")
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            v.as_object_mut().unwrap().remove("partners");
            v.to_string()
        })
        .collect();
    let report = report_of(&lines, 1);
    assert!(report.partners.is_none());
    assert!(NetworkDiagram::from_report(&report).is_none());
    let html = HtmlReport::new(&report).to_html();
    assert!(!html.contains("id=\"partners\""));
    assert!(!html.contains("svg class=\"network\"") && !html.contains("class=\"network\""));
}

// --------------------------------------------------------- edge cases

#[test]
fn suppressed_ties_are_not_drawn_and_say_so() {
    // Two raters at A rate B (current 5 and 6, so 5.5) and C (once), one at
    // B rates A: with `min_partner_raters` 2 only A → B is shown, and two
    // ties are suppressed.
    let lines = [
        line("a1", "A", &[("B", 5, 6), ("C", 3, 3)]),
        line("a2", "A", &[("B", 6, 6)]),
        line("b1", "B", &[("A", 2, 4)]),
    ];
    let map = map_of(&lines, 2);
    assert_eq!(map.ties.len(), 1);
    assert_eq!(map.suppressed_ties, 2);
    let svg = network_svg(&map);
    assert_svg_matches(&svg, &map);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let tie = &svg_elements(&doc, "g", "tie")[0];
    assert_eq!((tie.attribute("data-from"), tie.attribute("data-to")), (Some("A"), Some("B")));
    assert_eq!(tie.attribute("data-current"), Some("5.5"));
    let desc = doc.descendants().find(|n| n.has_tag_name((SVG_NS, "desc"))).unwrap().text().unwrap();
    assert!(desc.contains("2 ties are suppressed: each rated by fewer than 2 respondents."), "{desc}");
    assert!(!desc.contains("B to A"));
    assert_graphml_matches(&graphml(&map), &map);
    assert_eq!(ties_csv(&map).lines().count(), 2);
    // In the HTML the absent cells may be suppressed, and the note says
    // how many are.
    let report = report_of(&lines, 2);
    let html = HtmlReport::new(&report).to_html();
    let doc = Html::parse_document(&html);
    let absent: Vec<String> = select(&doc, "section#partners td.absent").into_iter().map(text_of).collect();
    assert!(!absent.is_empty() && absent.iter().all(|a| a == "not rated, or suppressed"), "{absent:?}");
    let note = text_of(select(&doc, "section#partners p.disclosure")[0]);
    assert!(note.contains("Ties rated by fewer than 2 respondents are suppressed: 2 are."), "{note}");
}

#[test]
fn a_map_with_every_tie_suppressed_draws_no_organisation() {
    let lines = [line("a1", "A", &[("B", 5, 6)])];
    let map = map_of(&lines, 2);
    assert!(map.organisations.is_empty() && map.ties.is_empty());
    assert_eq!(map.suppressed_ties, 1);
    let svg = network_svg(&map);
    assert_svg_matches(&svg, &map);
    assert!(svg.contains("1 tie is suppressed: rated by fewer than 2 respondents."));
    assert!(svg.contains("No tie is shown."));
    assert_eq!(ties_csv(&map).lines().count(), 1);
    assert_graphml_matches(&graphml(&map), &map);
    let html = HtmlReport::new(&report_of(&lines, 2)).to_html();
    let doc = Html::parse_document(&html);
    assert_eq!(select(&doc, "section#partners").len(), 1);
    assert!(select(&doc, "section#partners table").is_empty());
}

#[test]
fn one_organisation_sits_at_the_centre() {
    // No batch makes a map of one organisation with a tie (rating your own
    // organisation is an error), but an instrument's expected partner can
    // stand alone; the map is made here as a saved report would hold it.
    let map: PartnerMap = serde_json::from_value(serde_json::json!({
        "min_partner_raters": 1,
        "organisations": [{"name": "Solo", "out_ties": 0, "in_ties": 0, "seen_as": null, "sees": null, "need_gap": null}],
        "ties": [],
        "suppressed_ties": 0,
        "pairs": [],
        "network": {
            "organisations": 1, "ordered_pairs": 0,
            "density": (1..=7).map(|level| serde_json::json!({"level": level, "density": null})).collect::<Vec<_>>(),
            "reciprocal_pairs": 0, "mismatched_pairs": 0, "mismatched_share": null, "over_collaborating_pairs": 0
        }
    }))
    .unwrap();
    let svg = network_svg(&map);
    assert_svg_matches(&svg, &map);
    assert!(svg.contains("The partner map: 1 organisation, 0 ties"));
    assert!(svg.contains("seen as — · sees —"));
    assert_graphml_matches(&graphml(&map), &map);
}

#[test]
fn names_that_need_escaping_read_back_as_given() {
    let (tom, quoted) = ("Tom & Jerry's <Co>", "\"Quoted\" Org, Ltd");
    let lines = [line("t1", tom, &[(quoted, 5, 3)]), line("q1", quoted, &[(tom, 2, 2)])];
    let map = map_of(&lines, 1);
    assert_eq!(map.organisations.len(), 2);
    let svg = network_svg(&map);
    assert!(!svg.contains("<Co>"));
    assert_svg_matches(&svg, &map);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let desc = doc.descendants().find(|n| n.has_tag_name((SVG_NS, "desc"))).unwrap().text().unwrap();
    assert!(desc.contains(&format!("{tom} to {quoted}: 1 rater, current 5.0")), "{desc}");
    let labels: Vec<String> = svg_elements(&doc, "g", "label")
        .iter()
        .map(|g| {
            let lines: Vec<&str> = g
                .descendants()
                .filter(|n| n.has_tag_name((SVG_NS, "text")))
                .filter_map(|n| n.text())
                .collect();
            lines.join("|")
        })
        .collect();
    assert_eq!(labels, [format!("{quoted}|seen as 5.0 · sees 2.0"), format!("{tom}|seen as 2.0 · sees 5.0")]);
    // The CSV quotes the name with a comma and quotes, and reads back.
    let csv_text = ties_csv(&map);
    assert!(csv_text.contains("\"\"\"Quoted\"\" Org, Ltd\""), "{csv_text}");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let froms: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
    assert_eq!(froms, [quoted, tom]);
    assert_graphml_matches(&graphml(&map), &map);
    // The HTML shows them as text, each in a <bdi>.
    let html = HtmlReport::new(&report_of(&lines, 1)).to_html();
    let doc = Html::parse_document(&html);
    let heads: Vec<String> =
        select(&doc, "section#partners table thead th.name > bdi").into_iter().map(text_of).collect();
    assert_eq!(heads, [quoted, tom]);
}

#[test]
fn long_names_wrap_and_are_given_whole_in_words() {
    let long = "The Riverside and District Community Interest Company for Neighbourhood Health and Wellbeing";
    let lines = [line("l1", long, &[("B", 4, 5)]), line("b1", "B", &[(long, 4, 4)])];
    let map = map_of(&lines, 1);
    let svg = network_svg(&map);
    assert_svg_matches(&svg, &map);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let node = svg_elements(&doc, "g", "organisation")
        .into_iter()
        .find(|g| g.attribute("data-name") == Some(long))
        .unwrap();
    // Three lines of the name at most, each of 20 characters or fewer, the
    // last cut with an ellipsis; then the figures' line.
    let texts: Vec<String> = node
        .descendants()
        .filter(|n| n.has_tag_name((SVG_NS, "text")))
        .map(|t| t.text().unwrap().to_owned())
        .collect();
    assert_eq!(texts.len(), 4, "{texts:?}");
    assert!(texts[..3].iter().all(|t| t.chars().count() <= 20), "{texts:?}");
    assert!(texts[2].ends_with('…'));
    assert!(texts[3].starts_with("seen as 4.0"));
    let desc = doc.descendants().find(|n| n.has_tag_name((SVG_NS, "desc"))).unwrap().text().unwrap();
    assert!(desc.contains(&format!("{long} to B: 1 rater")));
}

#[test]
fn the_pictures_and_exports_do_not_depend_on_the_order_of_the_responses() {
    let team: Vec<String> = include_str!("../examples/data/team.jsonl").lines().map(str::to_owned).collect();
    let reversed: Vec<String> = team.iter().rev().cloned().collect();
    let (a, b) = (map_of(&team, 1), map_of(&reversed, 1));
    assert_eq!(network_svg(&a), network_svg(&b));
    assert_eq!(ties_csv(&a), ties_csv(&b));
    assert_eq!(graphml(&a), graphml(&b));
}

// ------------------------------------------------------- the README image

#[test]
fn the_committed_partner_picture_is_current() {
    let root = env!("CARGO_MANIFEST_DIR");
    let svg = network_svg(&sample());
    let regenerate = "out of date: run `cargo run -p collaboration-tools --bin readme-image`";
    let committed = std::fs::read_to_string(format!("{root}/docs/partners.svg")).unwrap();
    assert!(committed == svg, "docs/partners.svg is {regenerate}");

    let png = std::fs::read(format!("{root}/docs/partners.png")).unwrap();
    let (image, source) = raster::decode(&png).unwrap();
    assert_eq!((image.width, image.height), (1800, 1800), "docs/partners.png is {regenerate}");
    assert!(source.as_deref() == Some(svg.as_str()), "docs/partners.png is {regenerate}");
    // The pixels are a rendering of that SVG: a fresh one agrees with them
    // but in the text, where this machine's fonts may differ (no more than
    // 10% of the picture).
    let fresh = raster::rasterise(&svg, raster::SCALE).unwrap();
    let differ = image
        .rgba
        .chunks(4)
        .zip(fresh.rgba.chunks(4))
        .filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > 8))
        .count();
    let total = image.rgba.len() / 4;
    assert!(differ * 10 < total, "{differ} of {total} pixels differ: docs/partners.png is {regenerate}");
}

#[test]
fn the_network_renders_to_a_picture() {
    let svg = network_svg(&sample());
    let image = raster::rasterise(&svg, 1.0).unwrap();
    assert_eq!((image.width, image.height), (900, 900));
    // City Council's node, at the top (450, 170), is filled #eef2f8 inside
    // its ring.
    let i = ((170 * image.width + 450) * 4) as usize;
    let rgba = &image.rgba[i..i + 4];
    assert!(rgba.iter().zip([0xee, 0xf2, 0xf8, 0xff]).all(|(&g, w)| g.abs_diff(w) <= 3), "{rgba:?}");
}

#[test]
fn a_report_withheld_for_too_few_respondents_still_shows_its_partner_map() {
    // Two respondents, fewer than the default `min_segment` of 3: the
    // report shows counts only, but the partner map has its own rule
    // (`min_partner_raters`, 1 by default), so its section is there.
    let lines = [line("a1", "A", &[("B", 5, 6)]), line("b1", "B", &[("A", 3, 5)])];
    let batch = lines.join("\n");
    let report =
        score_batch(batch.as_bytes(), Instrument::builtin(), &BatchOptions::default()).unwrap().report;
    assert!(report.suppressed);
    let html = HtmlReport::new(&report).to_html();
    let doc = Html::parse_document(&html);
    let h2: Vec<String> = select(&doc, "section > h2").into_iter().map(text_of).collect();
    assert_eq!(h2, ["Too few respondents to show", "The partner map"]);
    assert_eq!(select(&doc, "nav a").len(), 2);
    assert_eq!(select(&doc, "section#partners svg.network g.tie").len(), 2);
}

#[test]
fn ties_are_labelled_up_to_sixteen() {
    // The sample's ten ties each have a label, current → needed.
    let map = sample();
    let svg = network_svg(&map);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let labels: Vec<String> =
        svg_elements(&doc, "text", "tie-label").iter().map(|t| t.text().unwrap().to_owned()).collect();
    let want: Vec<String> = map.ties.iter().map(|t| format!("{:.1} → {:.1}", t.current, t.needed)).collect();
    assert_eq!(labels, want);
    // Five organisations each rating the four others: 20 ties, past 16, so
    // none is labelled (they would bury one another) and the legend says so.
    let names = ["A", "B", "C", "D", "E"];
    let lines: Vec<String> = names
        .iter()
        .map(|&from| {
            let partners: Vec<(&str, u8, u8)> =
                names.iter().filter(|&&to| to != from).map(|&to| (to, 4, 5)).collect();
            line(&format!("{from}-1"), from, &partners)
        })
        .collect();
    let map = map_of(&lines, 1);
    assert_eq!(map.ties.len(), 20);
    let svg = network_svg(&map);
    assert_svg_matches(&svg, &map);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(svg_elements(&doc, "text", "tie-label").is_empty());
    let legend = svg_elements(&doc, "g", "legend")[0];
    assert!(
        legend
            .descendants()
            .any(|n| n.text() == Some("too many ties to label: the description gives each one's levels"))
    );
}

/// Names a spreadsheet would run as formulas are written after an
/// apostrophe in the CSV, and no other name is touched. The rule is
/// OWASP's on CSV injection: a cell that starts with `=`, `+`, `-` or `@`
/// gets a leading `'`. The GraphML, which no spreadsheet opens, keeps the
/// names as given.
#[test]
fn the_csv_never_hands_a_spreadsheet_a_formula() {
    let formula = "=HYPERLINK(\"http://example.com\",\"x\")";
    let lines = [
        line("f1", formula, &[("+Plus Housing", 4, 5)]),
        line("p1", "+Plus Housing", &[("-Dash Trust", 3, 3), ("@Home", 2, 4)]),
        line("d1", "-Dash Trust", &[("Safe Org", 5, 5)]),
        line("s1", "Safe Org", &[(formula, 1, 2)]),
    ];
    let map = map_of(&lines, 1);
    let csv_text = ties_csv(&map);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let mut cells: Vec<(String, String)> =
        reader.records().map(|r| r.unwrap()).map(|r| (r[0].to_owned(), r[1].to_owned())).collect();
    cells.sort();
    let mut want = vec![
        (format!("'{formula}"), "'+Plus Housing".to_owned()),
        ("'+Plus Housing".to_owned(), "'-Dash Trust".to_owned()),
        ("'+Plus Housing".to_owned(), "'@Home".to_owned()),
        ("'-Dash Trust".to_owned(), "Safe Org".to_owned()),
        ("Safe Org".to_owned(), format!("'{formula}")),
    ];
    want.sort();
    assert_eq!(cells, want);
    assert!(graphml(&map).contains("<data key=\"n_label\">+Plus Housing</data>"));
}
