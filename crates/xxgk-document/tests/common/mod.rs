//! Random reports for the verdict tests, drawn as the extractor's round trips draw them and
//! completed by the same code (`xxgk_render_noise::figures`), from an explicit seed so that a
//! failing case is named and rerun by its seed alone.

use serde_json::Value;
use xxgk_render_noise::figures::{self, Figures};

/// splitmix64: a case is its seed, on every machine and every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x5851_F42D_4C95_7F2D)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// A wide count (the round trips' `count`) or a real one (their `real_count`).
    fn count(&mut self, wide: bool) -> u64 {
        if wide {
            self.wide_count()
        } else {
            self.real_count()
        }
    }

    /// Mostly small counts, many zeros, now and then a large one (the round trips' `count`).
    fn wide_count(&mut self) -> u64 {
        match self.below(11) {
            0..4 => 0,
            4..8 => self.below(10),
            8..10 => self.below(1_000),
            _ => self.below(2_000_000),
        }
    }

    /// Counts as real reports print them (the round trips' `real_count`): a city's 表三 总计 row
    /// then runs to 20 digits and more.
    fn real_count(&mut self) -> u64 {
        match self.below(13) {
            0..6 => 0,
            6..10 => self.below(10),
            10..12 => self.below(100),
            _ => self.below(3_000),
        }
    }
}

/// The figures of case `seed`, drawn in the round trips' order (表二, the fee, 表三 column by
/// column, 表四 group by group). Even seeds draw wide counts, odd seeds real ones.
fn figures(seed: u64) -> Figures {
    let mut rng = Rng::new(seed);
    let wide = seed.is_multiple_of(2);
    let active = std::array::from_fn(|_| rng.count(wide));
    let (whole, digits) = (rng.below(200_000), rng.below(6));
    let decimals: String = (0..digits)
        .map(|_| char::from(b'0' + rng.below(10) as u8))
        .collect();
    let parties = std::array::from_fn(|_| std::array::from_fn(|_| rng.count(wide)));
    let cases = std::array::from_fn(|_| std::array::from_fn(|_| rng.count(wide)));
    Figures {
        active,
        fee: (whole, decimals),
        parties,
        cases,
    }
}

/// The report of case `seed`: the template's prose and metadata with drawn table cells, every
/// identity holding ([`figures::report`]).
pub fn report(seed: u64) -> Value {
    figures::report(&figures(seed))
}

/// The report of case `seed` in the 2019 format (国办公开办函〔2019〕60号,
/// [`figures::report_2019`]): the 2021 report's figures in the 2019 tables, every 2019 identity
/// holding.
pub fn report_2019(seed: u64) -> Value {
    figures::report_2019(&figures(seed))
}

/// The report with one to three cells of 表三 or 表四 (among `cells`, its edition's) changed
/// (drawn from `seed`), each lowered or raised by 1 to 50 as a publisher's slip would: its own
/// numbers then usually break the identities over those cells (two changes may also cancel out).
pub fn with_cells_changed(report: &Value, seed: u64, cells: &[xxgk_model::Cell]) -> Value {
    let mut rng = Rng::new(seed.rotate_left(32) ^ 0xC0FF_EE00);
    let mut report = report.clone();
    let cells: Vec<&str> = cells
        .iter()
        .map(|c| c.pointer)
        .filter(|p| !p.starts_with("/active_disclosure"))
        .collect();
    for _ in 0..=rng.below(3) {
        let pointer = cells[rng.below(cells.len() as u64) as usize];
        let delta = 1 + rng.below(50);
        let lower = rng.below(2) == 0;
        figures::change_count(&mut report, pointer, delta, lower);
    }
    report
}

/// One or two cells of 表三 changed by 1–50 each with its row's 总计 alike, as a publisher who adds
/// each row right but fills a cell wrong prints them (a （七）总计 of 290 where the result rows
/// sum to 299): every row keeps its 总计 identity, the cell's column and the 总计 column break.
pub fn with_columns_mis_totalled(report: &Value, seed: u64) -> Value {
    let mut rng = Rng::new(seed.rotate_left(17) ^ 0x70_7A11);
    let mut report = report.clone();
    let cells: Vec<&str> = xxgk_model::CELLS
        .iter()
        .map(|c| c.pointer)
        .filter(|p| p.starts_with("/applications/") && !p.ends_with("/total"))
        .collect();
    for _ in 0..=rng.below(2) {
        let pointer = cells[rng.below(cells.len() as u64) as usize];
        let delta = 1 + rng.below(50);
        figures::change_with_row_total(&mut report, pointer, delta, rng.below(2) == 0);
    }
    report
}
