//! The layering of docs/architecture.md, checked on the source text: the top-level modules import
//! each other without a cycle, no command imports another command's module, and references
//! point inside the repository.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module names that follow `prefix` in `text` (`crate::` → `config`, `ops`, ...).
fn paths_after<'a>(text: &'a str, prefix: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    text.match_indices(prefix).filter_map(move |(i, _)| {
        let rest = &text[i + prefix.len()..];
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
        (end > 0).then(|| &rest[..end])
    })
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Top-level module → the top-level modules it names, with the files that name them.
fn import_graph() -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut graph: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(&root).unwrap().to_string_lossy().into_owned();
        let top = rel.split('/').next().unwrap().trim_end_matches(".rs").to_string();
        if matches!(top.as_str(), "lib" | "main" | "architecture_tests") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for name in paths_after(&text, "crate::") {
            if name != top {
                graph.entry(top.clone()).or_default().entry(name.to_string()).or_default().insert(rel.clone());
            }
        }
    }
    graph
}

/// A module reachable from itself, as the path that closes the loop.
fn find_cycle(graph: &BTreeMap<String, BTreeMap<String, BTreeSet<String>>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flat_map(|m| m.keys()) {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn top_level_modules_import_each_other_without_a_cycle() {
    let graph = import_graph();
    if let Some(cycle) = find_cycle(&graph) {
        let edges: Vec<String> =
            cycle.windows(2).map(|w| format!("{} -> {} in {:?}", w[0], w[1], graph[&w[0]][&w[1]])).collect();
        panic!("import cycle {}:\n{}", cycle.join(" -> "), edges.join("\n"));
    }
    // The edges docs/architecture.md promises run one way.
    for (from, to) in [("config", "providers"), ("sandbox", "providers"), ("sandbox", "config"), ("ops", "commands")] {
        assert!(!graph.get(from).is_some_and(|m| m.contains_key(to)), "{from} imports {to}: {:?}", graph[from][to]);
    }
}

#[test]
fn no_command_imports_another_command() {
    let dir = src().join("commands");
    let commands: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "rs"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|n| n != "mod")
        .collect();
    assert!(commands.contains("status") && commands.contains("callback"), "{commands:?}");
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    for file in files {
        let rel = file.strip_prefix(&dir).unwrap().to_string_lossy().into_owned();
        let own = rel.split('/').next().unwrap().trim_end_matches(".rs").to_string();
        let text = std::fs::read_to_string(&file).unwrap();
        let named = paths_after(&text, "super::")
            .chain(paths_after(&text, "crate::commands::"))
            .chain(paths_after(&text, "super::super::"));
        for name in named {
            assert!(
                name == own || !commands.contains(name) || own == "mod",
                "commands/{rel} imports the `{name}` command; move what they share into src/ops/"
            );
        }
    }
}

/// The repository stands alone (issue #23): what the code relies on from the team's design notes
/// and the providers' original pages lives in README.md and docs/, and references point there,
/// never at files that are not in this repository.
#[test]
fn references_point_inside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches", "fuzz", "docs", "scripts"] {
        let dir = root.join(dir);
        if dir.is_dir() {
            text_files(&dir, &mut files);
        }
    }
    files.push(root.join("README.md"));
    // Spelled in two parts so that this file does not name them itself.
    let outside = [["design", ".md"].concat(), ["shared", "/"].concat(), ["seed", " 00"].concat()];
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default().to_lowercase();
        for name in &outside {
            assert!(
                !text.contains(name.as_str()),
                "{} refers to `{name}`, which is not in this repository: point at README.md or docs/",
                file.strip_prefix(root).unwrap().display()
            );
        }
    }
}

fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy();
        if path.is_dir() && !matches!(name.as_ref(), "target" | "corpus" | "artifacts") {
            text_files(&path, out);
        } else if path.extension().is_some_and(|e| matches!(e.to_str(), Some("rs" | "md" | "sh" | "toml"))) {
            out.push(path);
        }
    }
}
