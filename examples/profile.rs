//! Runs a stage of the pipeline over the bundled corpus in a loop, for a profiler.
//!
//! `cargo build --release --example profile && perf record -g target/release/examples/profile normalize 300`
//! (stages: `normalize`, `letters` — the character passes alone —, `parse`, `startup`).

use std::path::Path;

fn main() {
    let mut args = std::env::args().skip(1);
    let stage = args.next().unwrap_or_else(|| "parse".into());
    let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100);
    let mut docs = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).expect("corpus folder") {
            let p = e.expect("corpus entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                docs.push(std::fs::read(&p).expect("corpus file"));
            }
        }
    }
    let parser = vanban::Parser::new();
    let opts = vanban::normalize::Options::default();
    let mut n = 0usize;
    for _ in 0..rounds {
        for d in &docs {
            match stage.as_str() {
                "normalize" => {
                    let dec = vanban::decode::decode(d, None);
                    n += vanban::normalize::normalize(&dec.text, &opts).text.len();
                }
                "letters" => {
                    let dec = vanban::decode::decode(d, None);
                    n += vanban::normalize::letters(&dec.text, opts.tone).len();
                }
                _ => {
                    let doc = parser.parse_bytes(d).expect("parse");
                    n += doc.record().tasks.len();
                }
            }
        }
    }
    println!("{n}");
}
