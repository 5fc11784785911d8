//! Throughput of `vanban::batch` on a generated archive of 10,000 documents (the corpus
//! files, each made distinct, in 50 directories under the system's temporary directory),
//! converted into one JSON Lines file with 1 thread and with one thread per core: files/s
//! (`batch_files`) and MB/s (`batch_bytes`).
//!
//! Run: `cargo bench --bench batch` (about three minutes on 2 cores; `-- batch_files` runs
//! half of it). Each sample is one whole conversion, so criterion takes its minimum of 10.

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use std::path::{Path, PathBuf};
use std::time::Duration;
use vanban::batch::{Batch, Input, NoProgress, Output};

const DOCS: usize = 10_000;

fn corpus() -> Vec<Vec<u8>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files = Vec::new();
    let mut stack = vec![root];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).expect("corpus/ is readable") {
            let p = e.expect("dir entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    files.iter().map(|p| std::fs::read(p).expect("corpus file")).collect()
}

/// Writes the archive under `dir`; returns its size in bytes.
fn archive(dir: &Path) -> u64 {
    let docs = corpus();
    let mut total = 0u64;
    for i in 0..DOCS {
        let sub = dir.join(format!("d{:02}", i % 50));
        std::fs::create_dir_all(&sub).expect("temp dir");
        let mut bytes = docs[i % docs.len()].clone();
        bytes.extend_from_slice(format!("\nBản số {i}\n").as_bytes());
        total += bytes.len() as u64;
        std::fs::write(sub.join(format!("doc-{i:05}.txt")), bytes).expect("temp file");
    }
    total
}

fn bench(c: &mut Criterion) {
    let root = std::env::temp_dir().join(format!("vanban-bench-batch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let bytes = archive(&root.join("archive"));
    let out = root.join("records.jsonl");
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mut threads = vec![1];
    if cores > 1 {
        threads.push(cores);
    }
    let groups = [("batch_files", Throughput::Elements(DOCS as u64)), ("batch_bytes", Throughput::BytesDecimal(bytes))];
    for (name, throughput) in groups {
        let mut g = c.benchmark_group(name);
        g.sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_millis(1))
            .measurement_time(Duration::from_secs(1))
            .throughput(throughput);
        for &t in &threads {
            g.bench_function(BenchmarkId::new("jsonl", format!("{t}-threads")), |b| {
                let batch = Batch::new(vanban::Parser::new()).jobs(t);
                b.iter(|| {
                    let inputs = vec![Input::Path(root.join("archive"))];
                    let s = batch.convert(inputs, Output::Jsonl(out.clone()), &mut NoProgress).expect("converts");
                    assert_eq!((s.records, s.errors), (DOCS as u64, 0));
                })
            });
        }
        g.finish();
    }
    let _ = std::fs::remove_dir_all(&root);
}

criterion_group!(benches, bench);
criterion_main!(benches);
