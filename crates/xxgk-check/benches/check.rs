//! Check throughput: one report through the fast path, a broken one through the full schema pass,
//! and a batch of reports in one thread.
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use xxgk_check::{Checker, Format};

const EXAMPLE: &str = include_str!("../../../examples/jingyue-2024.json");

fn bench(c: &mut Criterion) {
    let checker = Checker::new().expect("embedded standard compiles");
    let broken = EXAMPLE.replacen("\"natural_person\": 298", "\"natural_person\": 297", 1);
    let invalid = EXAMPLE.replacen("\"natural_person\": 298", "\"natural_person\": \"298\"", 1);
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Elements(1));
    group.bench_function("conformant report (typed fast path)", |b| {
        b.iter(|| checker.check_text(black_box(EXAMPLE), Format::Json))
    });
    group.bench_function("report breaking two identities", |b| {
        b.iter(|| checker.check_text(black_box(&broken), Format::Json))
    });
    group.bench_function("schema-invalid report (full schema pass)", |b| {
        b.iter(|| checker.check_text(black_box(&invalid), Format::Json))
    });
    group.finish();

    let batch: Vec<String> = (0..100)
        .map(|i| {
            if i % 10 == 0 {
                broken.clone()
            } else {
                EXAMPLE.to_owned()
            }
        })
        .collect();
    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Elements(batch.len() as u64));
    group.bench_function("100 reports, 10% broken, one thread", |b| {
        b.iter(|| {
            batch
                .iter()
                .filter_map(|t| checker.check_text(t, Format::Json).ok())
                .map(|o| o.diagnostics.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
