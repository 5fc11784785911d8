//! Linear time on pathological shapes: each shape at 1 MB and at 10 MB. Time should grow
//! about tenfold (criterion's throughput in MB/s stays about the same).
//!
//! Run: `cargo bench --bench hostile`.

use criterion::{BenchmarkId, Criterion, Throughput, black_box, criterion_group, criterion_main};
use std::time::Duration;

fn grow(unit: &str, bytes: usize) -> Vec<u8> {
    unit.repeat(bytes / unit.len() + 1).into_bytes()
}

fn shapes(bytes: usize) -> Vec<(&'static str, Vec<u8>)> {
    let citations: String = (0..bytes / 24).map(|i| format!("Quyết định số {i}/QĐ-UBND; ")).collect();
    vec![
        ("one_line", grow("Kế hoạch số 12/KH-UBND triển khai nhiệm vụ ", bytes)),
        ("short_lines", grow("ab\n", bytes)),
        ("headings", grow("Điều 1. Phạm vi điều chỉnh\n", bytes)),
        ("nested", grow("I. A\n1. B\n1.1. C\na) D\n- E\n+ F\nMột là, G.\n", bytes)),
        ("signatures", grow("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\n", bytes)),
        ("recipients", [b"N\xC6\xA1i nh\xE1\xBA\xADn:\n".to_vec(), grow("- Sở Y tế tỉnh;\n", bytes)].concat()),
        ("citations", citations.into_bytes()),
        ("marks", [b"a".to_vec(), grow("\u{301}\u{323}", bytes)].concat()),
        ("markup", grow("**Số:** 12/KH &amp; <b>x</b> | y |\n", bytes)),
    ]
}

fn bench(c: &mut Criterion) {
    let parser = vanban::Parser::new();
    let mut g = c.benchmark_group("hostile");
    g.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    for mb in [1usize, 10] {
        for (name, input) in shapes(mb << 20) {
            g.throughput(Throughput::Bytes(input.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, format!("{mb}MB")), &input, |b, input| {
                b.iter(|| black_box(parser.parse_bytes(black_box(input)).unwrap().record()))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
