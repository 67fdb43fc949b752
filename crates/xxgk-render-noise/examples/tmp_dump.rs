//! scratch
fn main() {
    let report: xxgk_model::AnnualReport =
        serde_json::from_str(include_str!("../../../examples/jingyue-2024.json")).unwrap();
    std::fs::create_dir_all("/tmp/pj").unwrap();
    for seed in 0..60u64 {
        let bytes =
            xxgk_render_noise::render_torn(&report, xxgk_render_noise::Torn::PdfJsText, seed);
        std::fs::write(format!("/tmp/pj/{seed}.txt"), bytes).unwrap();
    }
}
