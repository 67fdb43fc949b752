//! Extraction speed over the seed reports (text layouts) and the realworld PDF texts.

use criterion::{Criterion, criterion_group, criterion_main};

fn inputs() -> Vec<(String, Vec<u8>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    ["seeds", "realworld"]
        .iter()
        .filter_map(|dir| std::fs::read_dir(root.join(dir)).ok())
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .filter_map(|path| {
            let name = path.file_stem()?.to_string_lossy().into_owned();
            Some((name, std::fs::read(&path).ok()?))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut inputs = inputs();
    inputs.sort();
    for (name, bytes) in &inputs {
        c.bench_function(&format!("extract/{name}"), |b| {
            b.iter(|| xxgk_extract::extract(std::hint::black_box(bytes), None))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
