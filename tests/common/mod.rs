//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every corpus document, sorted, as paths relative to the repository root.
pub fn corpus_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root().join("corpus")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("corpus/ is readable") {
            let p = e.expect("dir entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(p.strip_prefix(root()).expect("under root").to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// The shared folder beside the repository (`../shared`), or `None` with a printed reason.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("..").join("shared");
    if p.join("README.md").exists() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared is not present beside the repository ({})", p.display());
        None
    }
}

/// Parses a file as the CLI does, recording its path relative to the root.
pub fn record_of(rel: &Path) -> vanban::Record {
    let bytes = std::fs::read(root().join(rel)).expect("readable");
    let name = rel.to_string_lossy().replace('\\', "/");
    vanban::Parser::new().parse_bytes_named(&bytes, Some(&name)).expect("parses").record()
}
