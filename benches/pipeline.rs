//! Throughput of the pipeline on the bundled corpus, beside a bare UTF-8 validation of the
//! same bytes measured in the same run (the baseline the README's ratios are quoted
//! against).
//!
//! Run: `cargo bench --bench pipeline`.

use criterion::{Criterion, Throughput, black_box, criterion_group, criterion_main};
use std::path::PathBuf;

fn corpus() -> Vec<Vec<u8>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files = Vec::new();
    let mut stack = vec![root];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let total: u64 = docs.iter().map(|d| d.len() as u64).sum();
    let parser = vanban::Parser::new();
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(total));
    g.bench_function("baseline_from_utf8", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(std::str::from_utf8(black_box(d)).is_ok());
            }
        })
    });
    g.bench_function("decode_normalize", |b| {
        let opts = vanban::normalize::Options::default();
        b.iter(|| {
            for d in &docs {
                let dec = vanban::decode::decode(black_box(d), None);
                black_box(vanban::normalize::normalize(&dec.text, &opts));
            }
        })
    });
    g.bench_function("parse_record", |b| {
        b.iter(|| {
            for d in &docs {
                let doc = parser.parse_bytes(black_box(d)).unwrap();
                black_box(doc.record());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
