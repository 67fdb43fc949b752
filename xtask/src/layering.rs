//! The workspace's layering, enforced from `cargo metadata`: which workspace crate may depend on
//! which. Only normal and build dependencies count, transitively: they are what a crate links
//! and needs to build. Dev-dependencies may reach up (the extractor's tests use the checker to
//! verify what it extracts); they are not built for `cargo run` or by a dependant.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde_json::Value;

use crate::codegen::root;

/// Every workspace crate, the workspace crates it may depend on, and why no other.
const ALLOWED: &[(&str, &[&str], &str)] = &[
    (
        "xxgk-catalogue",
        &[],
        "the catalogue's format is the bottom layer",
    ),
    (
        "xxgk-codegen",
        &["xxgk-catalogue"],
        "the generator never depends on the code it generates",
    ),
    (
        "xtask",
        &["xxgk-codegen", "xxgk-catalogue"],
        "`cargo xtask codegen` must build even when the generated code does not compile",
    ),
    (
        "xxgk-model",
        &[],
        "the model is data and types: it evaluates no rule, so it depends on no workspace crate",
    ),
    (
        "xxgk-check",
        &["xxgk-model", "xxgk-catalogue"],
        "the checker depends on no generator, extractor or CLI",
    ),
    (
        "xxgk-extract",
        &["xxgk-model", "xxgk-catalogue"],
        "the extractor depends on no generator, checker or CLI",
    ),
    (
        "xxgk-conformance",
        &["xxgk-check", "xxgk-model", "xxgk-catalogue"],
        "the conformance suite runs the checker, and depends on no generator, extractor or CLI",
    ),
    (
        "xxgk-document",
        &["xxgk-check", "xxgk-extract", "xxgk-model", "xxgk-catalogue"],
        "reading and checking a document (published ones through the extractor) is below the CLI \
         and the validator page, which alone depend on it",
    ),
    (
        "xxgk-cli",
        &[
            "xxgk-serve",
            "xxgk-document",
            "xxgk-conformance",
            "xxgk-check",
            "xxgk-extract",
            "xxgk-render",
            "xxgk-migrate",
            "xxgk-model",
            "xxgk-catalogue",
        ],
        "no runtime crate depends on the generator",
    ),
    (
        "xxgk-serve",
        &[
            "xxgk-document",
            "xxgk-conformance",
            "xxgk-check",
            "xxgk-extract",
            "xxgk-render",
            "xxgk-model",
            "xxgk-catalogue",
        ],
        "the validator page shows what the CLI prints: checked documents, their view and certificate; \
         only the CLI depends on it",
    ),
    (
        "xxgk-render",
        &["xxgk-model", "xxgk-catalogue"],
        "the published layouts print the model, and depend on no checker, extractor or CLI",
    ),
    (
        "xxgk-render-noise",
        &["xxgk-render", "xxgk-model", "xxgk-catalogue"],
        "converter noise is imitated on the published layouts, never from what a reader reads",
    ),
    (
        "xxgk-migrate",
        &["xxgk-model"],
        "migration is the published mapping over the model's editions: it checks nothing (the \
         CLI checks its input and output), so it depends on no checker, extractor or CLI",
    ),
    (
        "xxgk-corpus",
        &["xxgk-render", "xxgk-model", "xxgk-catalogue"],
        "the benchmark corpus needs the model and the renderer only",
    ),
];

/// Workspace crate → its direct normal and build dependencies on workspace crates.
fn graph(metadata: &Value) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    let packages = metadata["packages"]
        .as_array()
        .ok_or("`cargo metadata` printed no packages")?;
    let names: BTreeSet<&str> = packages.iter().filter_map(|p| p["name"].as_str()).collect();
    let mut graph = BTreeMap::new();
    for package in packages {
        let name = package["name"].as_str().ok_or("a package without a name")?;
        let deps = package["dependencies"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            // `kind` is null for a normal dependency, "build" or "dev" otherwise.
            .filter(|d| d["kind"].as_str() != Some("dev"))
            .filter_map(|d| d["name"].as_str())
            .filter(|d| names.contains(d))
            .map(str::to_owned)
            .collect();
        graph.insert(name.to_owned(), deps);
    }
    Ok(graph)
}

/// Every violation of [`ALLOWED`] in the metadata, each naming the offending chain of edges.
fn violations(metadata: &Value) -> Result<Vec<String>, String> {
    let graph = graph(metadata)?;
    let rules: BTreeMap<&str, (&[&str], &str)> = ALLOWED
        .iter()
        .map(|(name, allowed, why)| (*name, (*allowed, *why)))
        .collect();
    let mut problems = Vec::new();
    for (name, deps) in &graph {
        let Some((allowed, why)) = rules.get(name.as_str()) else {
            problems.push(format!(
                "{name} is not in the layering (xtask/src/layering.rs): say what it may depend on"
            ));
            continue;
        };
        // Breadth first, so that each reached crate keeps its shortest chain.
        let mut chains: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut queue: Vec<Vec<&str>> = deps.iter().map(|d| vec![name.as_str(), d]).collect();
        while !queue.is_empty() {
            let mut next = Vec::new();
            for chain in queue {
                let Some(&last) = chain.last() else { continue };
                if chains.contains_key(last) || last == name {
                    continue;
                }
                for dep in graph.get(last).into_iter().flatten() {
                    let mut longer = chain.clone();
                    longer.push(dep);
                    next.push(longer);
                }
                chains.insert(last, chain);
            }
            queue = next;
        }
        for (reached, chain) in chains {
            if !allowed.contains(&reached) {
                problems.push(format!(
                    "{name} must not depend on {reached} ({why}): {}",
                    chain.join(" → ")
                ));
            }
        }
    }
    Ok(problems)
}

#[test]
fn workspace_crates_depend_only_downward() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).unwrap();
    let problems = violations(&metadata).unwrap();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Every crate of the layering exists: a renamed crate does not silently escape it.
    let graph = graph(&metadata).unwrap();
    for (name, _, _) in ALLOWED {
        assert!(graph.contains_key(*name), "{name} is no workspace crate");
    }
}

/// Metadata of crates with these (name, dependency, kind) edges.
fn metadata(edges: &[(&str, &str, Option<&str>)]) -> Value {
    let mut packages: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for (name, dep, kind) in edges {
        packages.entry(dep).or_default();
        packages
            .entry(name)
            .or_default()
            .push(serde_json::json!({"name": dep, "kind": kind}));
    }
    let packages: Vec<Value> = packages
        .into_iter()
        .map(|(name, deps)| serde_json::json!({"name": name, "dependencies": deps}))
        .collect();
    serde_json::json!({ "packages": packages })
}

#[test]
fn an_upward_edge_is_named_with_its_chain() {
    let problems = violations(&metadata(&[
        ("xxgk-check", "xxgk-catalogue", None),
        ("xxgk-extract", "xxgk-model", None),
        ("xxgk-check", "xxgk-model", None),
        // Through a crate that may use the checker, the extractor reaches it.
        ("xxgk-extract", "xxgk-conformance", Some("build")),
        ("xxgk-conformance", "xxgk-check", None),
        ("xxgk-conformance", "xxgk-model", None),
        ("xxgk-new", "xxgk-model", None),
    ]))
    .unwrap();
    assert_eq!(
        problems,
        [
            "xxgk-extract must not depend on xxgk-check (the extractor depends on no generator, \
             checker or CLI): xxgk-extract → xxgk-conformance → xxgk-check",
            "xxgk-extract must not depend on xxgk-conformance (the extractor depends on no \
             generator, checker or CLI): xxgk-extract → xxgk-conformance",
            "xxgk-new is not in the layering (xtask/src/layering.rs): say what it may depend on",
        ]
    );
}

#[test]
fn dev_dependencies_may_reach_up() {
    let problems = violations(&metadata(&[
        ("xxgk-model", "xxgk-catalogue", Some("dev")),
        ("xxgk-model", "xxgk-check", Some("dev")),
        ("xxgk-check", "xxgk-model", None),
        ("xtask", "xxgk-model", Some("dev")),
        ("xtask", "xxgk-codegen", None),
        ("xxgk-codegen", "xxgk-catalogue", None),
    ]))
    .unwrap();
    assert_eq!(problems, Vec::<String>::new());
}

#[test]
fn xtask_must_not_link_the_generated_model() {
    let problems = violations(&metadata(&[
        ("xtask", "xxgk-codegen", None),
        ("xtask", "xxgk-model", None),
        ("xxgk-model", "xxgk-catalogue", Some("dev")),
    ]))
    .unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("xtask must not depend on xxgk-model"),
        "{problems:?}"
    );
}
