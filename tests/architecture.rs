//! The shape of the crate (`docs/architecture.md`): no module imports one
//! that imports it back, the stages form one line, internal imports go by
//! module path rather than through the root's re-exports, and the root stays
//! small.
//!
//! It reads the sources as text: every `crate::…` and `super::…` path in
//! code (comments and doc comments skipped) is an edge from the file's
//! module to the module the path names.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages, in the order the data flows; a stage may use only those
/// before it (and `error`, `de` and `text`, shared by all).
const STAGES: [&str; 11] = [
    "framework",
    "limits",
    "instrument",
    "response",
    "score",
    "report",
    "forms",
    "import",
    "batch",
    "schema",
    "render",
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/report/tally.rs` → `["report", "tally"]`; `src/report/mod.rs` →
/// `["report"]`; `src/lib.rs` → `[]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The code of a file without comments (strings left in), and without its
/// unit tests: a `#[cfg(test)] mod tests` at the end, whose `super::` is the
/// file itself.
fn code(text: &str) -> String {
    let text = text.split("\n#[cfg(test)]").next().unwrap_or(text);
    let text = text.split("\n#[cfg(all(test").next().unwrap_or(text);
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths after `crate::` or `super::` in `code`, each as its segments,
/// braces expanded one level (`crate::{a::B, c}` gives `a::B` and `c`).
fn paths(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let take = |s: &str| -> Vec<String> {
            s.split("::")
                .map(|seg| seg.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>())
                .take_while(|seg| !seg.is_empty())
                .collect()
        };
        if let Some(inner) = rest.strip_prefix('{') {
            let end = inner.find('}').unwrap_or(inner.len());
            for item in inner[..end].split(',') {
                let segs = take(item.trim());
                if !segs.is_empty() {
                    out.push(segs);
                }
            }
        } else {
            out.push(take(rest));
        }
    }
    out
}

struct Graph {
    /// Every module with a file, by path.
    files: BTreeSet<Vec<String>>,
    /// Edges between modules.
    edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    /// Uses of root re-exports (`crate::Name` that is not a module).
    root_uses: Vec<(Vec<String>, String)>,
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&src, f)).collect();
    // The longest module path that is a prefix of `segs`.
    let resolve = |segs: &[String]| -> Vec<String> {
        (0..=segs.len()).rev().map(|n| segs[..n].to_vec()).find(|p| modules.contains(p)).unwrap_or_default()
    };
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    let mut root_uses = Vec::new();
    for file in &files {
        let me = module_of(&src, file);
        let text = code(&std::fs::read_to_string(file).unwrap());
        // The module a file's `super::` names: its path minus one.
        let parent: Vec<String> = me[..me.len().saturating_sub(1)].to_vec();
        for segs in paths(&text, "crate::") {
            let target = resolve(&segs);
            if target.is_empty() {
                // `crate::Name`: a root re-export (or a macro, which is fine).
                if segs.first().is_some_and(|s| s.chars().next().is_some_and(char::is_uppercase)) {
                    root_uses.push((me.clone(), segs.join("::")));
                }
                continue;
            }
            if target != me {
                edges.entry(me.clone()).or_default().insert(target);
            }
        }
        for segs in paths(&text, "super::") {
            let mut full = parent.clone();
            full.extend(segs);
            let target = resolve(&full);
            if target != me {
                edges.entry(me.clone()).or_default().insert(target);
            }
        }
        // `mod x; pub use x::Y;` in a module file: the module uses its child.
        for line in text.lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix("pub use ").or_else(|| line.strip_prefix("pub(crate) use "))
            {
                let first: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if first != "crate" && first != "super" && !first.is_empty() {
                    let mut child = me.clone();
                    child.push(first);
                    if modules.contains(&child) {
                        edges.entry(me.clone()).or_default().insert(child);
                    }
                }
            }
        }
    }
    Graph { files: modules, edges, root_uses }
}

/// A cycle in the graph, if any, as the modules along it.
fn cycle(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Option<Vec<Vec<String>>> {
    fn visit(
        node: &Vec<String>,
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        state: &mut BTreeMap<Vec<String>, u8>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        state.insert(node.clone(), 1);
        stack.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            match state.get(next) {
                Some(1) => {
                    let from = stack.iter().position(|n| n == next).unwrap();
                    let mut found = stack[from..].to_vec();
                    found.push(next.clone());
                    return Some(found);
                }
                Some(_) => {}
                None => {
                    if let Some(found) = visit(next, edges, state, stack) {
                        return Some(found);
                    }
                }
            }
        }
        stack.pop();
        state.insert(node.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in edges.keys() {
        if !state.contains_key(node)
            && let Some(found) = visit(node, edges, &mut state, &mut Vec::new())
        {
            return Some(found);
        }
    }
    None
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let g = graph();
    assert!(g.files.len() > 30, "the scan found too few modules: {:?}", g.files);
    // Between files.
    let found = cycle(&g.edges);
    assert!(
        found.is_none(),
        "an import cycle: {:?}",
        found.map(|c| c.iter().map(|m| m.join("::")).collect::<Vec<_>>())
    );
    // Between stages: the crate's top-level modules.
    let mut stages: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (from, tos) in &g.edges {
        for to in tos {
            if let (Some(a), Some(b)) = (from.first(), to.first())
                && a != b
            {
                stages.entry(vec![a.clone()]).or_default().insert(vec![b.clone()]);
            }
        }
    }
    let found = cycle(&stages);
    assert!(found.is_none(), "a cycle between stages: {found:?}");
}

#[test]
fn each_stage_uses_only_those_before_it() {
    let g = graph();
    let rank = |m: &str| STAGES.iter().position(|s| *s == m);
    for (from, tos) in &g.edges {
        for to in tos {
            let (Some(a), Some(b)) = (from.first(), to.first()) else { continue };
            if a == b || b == "error" || b == "de" || b == "text" {
                continue;
            }
            let (Some(ra), Some(rb)) = (rank(a), rank(b)) else {
                panic!("{} uses {}: a module outside the stages", from.join("::"), to.join("::"));
            };
            assert!(rb < ra, "{} (stage {a}) uses {} (a later stage, {b})", from.join("::"), to.join("::"));
        }
    }
}

#[test]
fn internal_imports_go_by_module_path() {
    let g = graph();
    assert!(g.root_uses.is_empty(), "root re-exports used inside the crate: {:?}", g.root_uses);
}

#[test]
fn the_root_holds_at_most_thirty_items() {
    // Count the names the root re-exports and defines publicly.
    let lib =
        code(&std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap());
    let mut names = 0;
    let mut in_use = false;
    let mut buffer = String::new();
    for line in lib.lines() {
        let line = line.trim();
        if line.starts_with("pub use ") {
            in_use = true;
            buffer.clear();
        }
        if in_use {
            buffer.push_str(line);
            if line.ends_with(';') {
                in_use = false;
                let inner = buffer.split_once('{').map_or_else(
                    || 1,
                    |(_, rest)| {
                        rest.trim_end_matches("};").split(',').filter(|s| !s.trim().is_empty()).count()
                    },
                );
                names += inner;
            }
        }
    }
    let modules = lib.lines().filter(|l| l.trim().starts_with("pub mod ")).count();
    assert!(names > 10, "the count found too few names: {names}");
    assert!(names + modules <= 30 + STAGES.len(), "{names} root items and {modules} modules");
    assert!(names <= 30, "the root re-exports {names} items");
}
