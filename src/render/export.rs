//! The partner map for other tools: its ties as CSV, and the whole network
//! as GraphML (for Gephi, networkx, igraph, yEd).

use super::markup::Markup;
use crate::report::{PartnerMap, PartnerTie};

/// The columns of [`ties_csv`], in order.
pub const TIES_CSV_COLUMNS: [&str; 12] = [
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
    "over_collaborating",
];

/// The shown ties of a partner map as CSV (RFC 4180, `\n` line ends): a
/// header row, [`TIES_CSV_COLUMNS`], then one row per tie in the map's
/// order.
///
/// Numbers are written in full, as Rust prints an `f64` (`6`, `0.5`,
/// `3.6666666666666665`), so that read back they are the map's figures
/// exactly; a trust or value mean that is withheld or not rated is an empty
/// cell; `mismatched` and `over_collaborating` (of the tie's pair) are
/// `true` or `false`. Names are quoted where they need it and otherwise
/// written as given, except that a name a spreadsheet would run as a
/// formula (one that starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) is written after an apostrophe, `'`, as OWASP's advice on CSV
/// injection has it: names come from respondents, and a CSV is opened in
/// spreadsheets. Such a name reads back with that apostrophe in front.
///
/// ```
/// use collaboration::render::ties_csv;
/// use collaboration::{BatchOptions, Instrument, score_batch};
///
/// let team = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/team.jsonl"))?;
/// let report = score_batch(&team[..], Instrument::builtin(), &BatchOptions::default())?.report;
/// let csv = ties_csv(report.partners.as_ref().ok_or("no partner ratings")?);
/// let mut lines = csv.lines();
/// assert_eq!(
///     lines.next(),
///     Some("from,to,raters,current,needed,need_gap,trust,trust_raters,value,value_raters,mismatched,over_collaborating")
/// );
/// assert_eq!(lines.next(), Some("City Council,Community Voice,2,6,6.5,0.5,4.5,2,4.5,2,true,false"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn ties_csv(map: &PartnerMap) -> String {
    // Writing to memory cannot fail, and every field is UTF-8.
    write_csv(map).unwrap_or_default()
}

fn write_csv(map: &PartnerMap) -> Result<String, Box<dyn std::error::Error>> {
    let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    out.write_record(TIES_CSV_COLUMNS)?;
    for tie in &map.ties {
        let (mismatched, over) = flags(map, tie);
        out.write_record([
            inert(&tie.from),
            inert(&tie.to),
            tie.raters.to_string(),
            tie.current.to_string(),
            tie.needed.to_string(),
            tie.need_gap.to_string(),
            optional(tie.trust),
            tie.trust_raters.to_string(),
            optional(tie.value),
            tie.value_raters.to_string(),
            mismatched.to_string(),
            over.to_string(),
        ])?;
    }
    Ok(String::from_utf8(out.into_inner()?)?)
}

/// A name as a CSV cell that no spreadsheet runs as a formula.
fn inert(name: &str) -> String {
    if name.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{name}") } else { name.to_owned() }
}

/// Whether a tie's pair is mismatched, and over-collaborating.
fn flags(map: &PartnerMap, tie: &PartnerTie) -> (bool, bool) {
    map.pair(&tie.from, &tie.to).map_or((false, false), |p| (p.mismatched, p.over_collaborating))
}

fn optional(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// A GraphML attribute: its id, what it is on, its name and its type.
type Key = (&'static str, &'static str, &'static str, &'static str);

/// Every attribute [`graphml`] declares.
const KEYS: [Key; 20] = [
    ("g_min_partner_raters", "graph", "min_partner_raters", "int"),
    ("g_suppressed_ties", "graph", "suppressed_ties", "int"),
    ("n_label", "node", "label", "string"),
    ("n_out_ties", "node", "out_ties", "int"),
    ("n_in_ties", "node", "in_ties", "int"),
    ("n_seen_as", "node", "seen_as", "double"),
    ("n_sees", "node", "sees", "double"),
    ("n_need_gap", "node", "need_gap", "double"),
    ("e_raters", "edge", "raters", "int"),
    ("e_current", "edge", "current", "double"),
    ("e_needed", "edge", "needed", "double"),
    ("e_need_gap", "edge", "need_gap", "double"),
    ("e_trust", "edge", "trust", "double"),
    ("e_trust_raters", "edge", "trust_raters", "int"),
    ("e_value", "edge", "value", "double"),
    ("e_value_raters", "edge", "value_raters", "int"),
    ("e_mismatched", "edge", "mismatched", "boolean"),
    ("e_over_collaborating", "edge", "over_collaborating", "boolean"),
    ("e_reciprocity_gap", "edge", "reciprocity_gap", "double"),
    ("e_weight", "edge", "weight", "double"),
];

/// The partner map as a GraphML document, for Gephi and other network
/// tools: a directed graph whose nodes are the organisations and whose
/// edges are the shown ties, every figure an attribute declared by a
/// `<key>` with its `attr.type`.
///
/// - The graph: `min_partner_raters` and `suppressed_ties` (int).
/// - Each node, with the `id` `n1`, `n2`, … in the map's order and the
///   organisation's name as its `label` (string): `out_ties`, `in_ties`
///   (int); `seen_as`, `sees`, `need_gap` (double).
/// - Each edge, `source` the rating organisation and `target` the partner,
///   with the `id` `e1`, `e2`, … in the map's order: `raters`,
///   `trust_raters`, `value_raters` (int); `current`, `needed`, `need_gap`,
///   `trust`, `value`, the pair's `reciprocity_gap` (double); the pair's
///   `mismatched` and `over_collaborating` (boolean); and `weight`, the
///   current level, which Gephi draws edges by.
///
/// A figure that is `null` in the map (a trust mean withheld, an
/// organisation no one rates) has no `<data>` element. Numbers are written
/// in full, as Rust prints an `f64`. Names are escaped, without their
/// bidirectional formatting characters, as in all the crate's XML.
///
/// ```
/// use collaboration::render::graphml;
/// use collaboration::{BatchOptions, Instrument, score_batch};
///
/// let team = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/team.jsonl"))?;
/// let report = score_batch(&team[..], Instrument::builtin(), &BatchOptions::default())?.report;
/// let xml = graphml(report.partners.as_ref().ok_or("no partner ratings")?);
/// assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
/// assert!(xml.contains("<graph id=\"partners\" edgedefault=\"directed\">"));
/// assert_eq!(xml.matches("<node ").count(), 4);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn graphml(map: &PartnerMap) -> String {
    let mut m = Markup::new();
    m.trusted("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    m.open(
        "graphml",
        &[
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ],
    )
    .nl();
    for (id, on, name, kind) in KEYS {
        m.leaf("key", &[("id", id), ("for", on), ("attr.name", name), ("attr.type", kind)]).nl();
    }
    m.open("graph", &[("id", "partners"), ("edgedefault", "directed")]).nl();
    data(&mut m, "g_min_partner_raters", &map.min_partner_raters.to_string());
    data(&mut m, "g_suppressed_ties", &map.suppressed_ties.to_string());
    // Nodes are `n1`, `n2`, … in the map's order, not their names: two
    // names that differ only in characters XML cannot hold would otherwise
    // share an id.
    let id_of =
        |name: &str| map.organisations.iter().position(|o| o.name == name).map(|i| format!("n{}", i + 1));
    for (i, o) in map.organisations.iter().enumerate() {
        m.open("node", &[("id", &format!("n{}", i + 1))]).nl();
        data(&mut m, "n_label", &o.name);
        data(&mut m, "n_out_ties", &o.out_ties.to_string());
        data(&mut m, "n_in_ties", &o.in_ties.to_string());
        for (key, value) in [("n_seen_as", o.seen_as), ("n_sees", o.sees), ("n_need_gap", o.need_gap)] {
            if let Some(value) = value {
                data(&mut m, key, &value.to_string());
            }
        }
        m.close("node").nl();
    }
    for (n, tie) in map.ties.iter().enumerate() {
        // Every tie's organisations are in the map; a hand-made map that
        // lacks one loses the tie rather than name a node that is not there.
        let (Some(source), Some(target)) = (id_of(&tie.from), id_of(&tie.to)) else { continue };
        let id = format!("e{}", n + 1);
        m.open("edge", &[("id", &id), ("source", &source), ("target", &target)]).nl();
        let pair = map.pair(&tie.from, &tie.to);
        data(&mut m, "e_raters", &tie.raters.to_string());
        data(&mut m, "e_current", &tie.current.to_string());
        data(&mut m, "e_needed", &tie.needed.to_string());
        data(&mut m, "e_need_gap", &tie.need_gap.to_string());
        if let Some(trust) = tie.trust {
            data(&mut m, "e_trust", &trust.to_string());
        }
        data(&mut m, "e_trust_raters", &tie.trust_raters.to_string());
        if let Some(value) = tie.value {
            data(&mut m, "e_value", &value.to_string());
        }
        data(&mut m, "e_value_raters", &tie.value_raters.to_string());
        let (mismatched, over) = flags(map, tie);
        data(&mut m, "e_mismatched", &mismatched.to_string());
        data(&mut m, "e_over_collaborating", &over.to_string());
        if let Some(gap) = pair.and_then(|p| p.reciprocity_gap) {
            data(&mut m, "e_reciprocity_gap", &gap.to_string());
        }
        data(&mut m, "e_weight", &tie.current.to_string());
        m.close("edge").nl();
    }
    m.close("graph").nl();
    m.close("graphml").nl();
    m.finish()
}

fn data(m: &mut Markup, key: &'static str, value: &str) {
    m.open("data", &[("key", key)]).text(value).close("data").nl();
}
