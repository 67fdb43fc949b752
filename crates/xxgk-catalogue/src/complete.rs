//! Making a report consistent from free values: which cells the identities determine, and their
//! values given the others.
//!
//! The identities are linear equations over cells with coefficients ±1. Exact integer Gaussian
//! elimination (pivoting only on ±1, so nothing is ever divided) picks one determined cell per
//! independent identity, preferring the cells a rule totals (a single left-hand cell: 总计), then
//! cells read by more identities, then catalogue order; identities implied by the others (R1 and
//! R2 of the 总计 column follow from the rest) determine nothing. Every determined cell is then a
//! fixed integer combination of the free ones, so any free values give a report satisfying every
//! identity, provided no determined value comes out negative.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crate::{CatalogueError, Identity};

/// Which cells of a catalogue's identities are free and how the others follow from them.
#[derive(Debug, Clone)]
pub struct Completion {
    /// Every cell an identity reads, in order of first appearance.
    cells: Vec<String>,
    /// Indexes into `cells` of the free cells.
    free: Vec<usize>,
    /// Each determined cell and its combination of free cells (index into `cells`, coefficient).
    derived: Vec<(usize, Vec<(usize, i128)>)>,
}

/// Why free values do not complete into a consistent report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shortfall {
    /// A free cell has no value.
    Missing(String),
    /// A determined cell would be negative by `deficit`.
    Negative {
        /// The determined cell.
        cell: String,
        /// How far below zero it would be.
        deficit: u128,
    },
    /// A determined cell would not fit a `u64`.
    Overflow(String),
}

impl fmt::Display for Shortfall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing(cell) => write!(f, "free cell {cell} has no value"),
            Self::Negative { cell, deficit } => {
                write!(f, "{cell} would be {deficit} below zero")
            }
            Self::Overflow(cell) => write!(f, "{cell} would exceed the largest count"),
        }
    }
}

impl std::error::Error for Shortfall {}

/// Cap on repairs by [`Completion::complete_lowering`]; each lowers the free values' sum.
const MAX_REPAIRS: usize = 10_000;

impl Completion {
    /// Chooses the determined cells of `identities`. Fails when they cannot be solved by ±1
    /// pivots (a rule with a repeated cell, `2x = 3y`). Identities that leave no room for free
    /// values are not refused here: they determine cells as combinations that come out negative,
    /// which [`Completion::complete`] reports.
    pub fn new(identities: &[Identity<'_>]) -> Result<Self, CatalogueError> {
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut cells: Vec<String> = Vec::new();
        // Per cell: (left-hand singletons it is, identities reading it).
        let mut weight: Vec<(usize, usize)> = Vec::new();
        let mut rows: Vec<BTreeMap<usize, i128>> = Vec::new();
        for identity in identities {
            let mut row: BTreeMap<usize, i128> = BTreeMap::new();
            let sides = [(&identity.lhs, 1i128), (&identity.rhs, -1i128)];
            for (side, sign) in sides {
                for cell in side.iter() {
                    let at = *index.entry(cell.as_str()).or_insert_with(|| {
                        cells.push(cell.clone());
                        weight.push((0, 0));
                        cells.len() - 1
                    });
                    *row.entry(at).or_insert(0) += sign;
                }
            }
            row.retain(|_, c| *c != 0);
            for at in row.keys() {
                if let Some(w) = weight.get_mut(*at) {
                    w.1 += 1;
                }
            }
            if let [single] = identity.lhs.as_slice()
                && let Some(w) = index
                    .get(single.as_str())
                    .and_then(|at| weight.get_mut(*at))
            {
                w.0 += 1;
            }
            rows.push(row);
        }
        let mut order: Vec<usize> = (0..cells.len()).collect();
        order.sort_by_key(|at| {
            let (singletons, readers) = weight.get(*at).copied().unwrap_or_default();
            (
                std::cmp::Reverse(singletons),
                std::cmp::Reverse(readers),
                *at,
            )
        });
        let mut pivots: Vec<(usize, BTreeMap<usize, i128>)> = Vec::new();
        for column in order {
            let Some(k) = rows
                .iter()
                .position(|r| r.get(&column).is_some_and(|c| c.abs() == 1))
            else {
                continue;
            };
            let mut pivot = rows.swap_remove(k);
            if pivot.get(&column) == Some(&-1) {
                pivot.values_mut().for_each(|c| *c = -*c);
            }
            for row in rows.iter_mut().chain(pivots.iter_mut().map(|(_, r)| r)) {
                eliminate(row, &pivot, column)?;
            }
            pivots.push((column, pivot));
        }
        if let Some(row) = rows.iter().find(|r| !r.is_empty()) {
            let names: Vec<&str> = row
                .keys()
                .filter_map(|at| cells.get(*at).map(String::as_str))
                .collect();
            return Err(CatalogueError::new(format!(
                "the identities cannot be solved without a division: no ±1 coefficient left over {}",
                names.join(", ")
            )));
        }
        let determined: Vec<usize> = pivots.iter().map(|(c, _)| *c).collect();
        let free = (0..cells.len())
            .filter(|at| !determined.contains(at))
            .collect();
        // Each pivot row reads `cell + Σ c·free = 0`.
        let derived = pivots
            .into_iter()
            .map(|(cell, row)| {
                let terms = row
                    .into_iter()
                    .filter(|(at, _)| *at != cell)
                    .map(|(at, c)| (at, -c))
                    .collect();
                (cell, terms)
            })
            .collect();
        Ok(Self {
            cells,
            free,
            derived,
        })
    }

    /// The cells whose values are drawn freely, in order of first appearance.
    pub fn free(&self) -> impl Iterator<Item = &str> {
        self.free
            .iter()
            .filter_map(|at| self.cells.get(*at).map(String::as_str))
    }

    /// The cells the identities determine from the free ones.
    pub fn determined(&self) -> impl Iterator<Item = &str> {
        self.derived
            .iter()
            .filter_map(|(at, _)| self.cells.get(*at).map(String::as_str))
    }

    /// Every cell: the free ones with their given values and the determined ones derived.
    /// Values given for other pointers are ignored.
    pub fn complete(
        &self,
        values: &BTreeMap<String, u64>,
    ) -> Result<BTreeMap<String, u64>, Shortfall> {
        let name = |at: usize| self.cells.get(at).cloned().unwrap_or_default();
        let mut out = BTreeMap::new();
        let mut given: HashMap<usize, i128> = HashMap::new();
        for at in &self.free {
            let cell = name(*at);
            let value = *values
                .get(&cell)
                .ok_or_else(|| Shortfall::Missing(cell.clone()))?;
            given.insert(*at, i128::from(value));
            out.insert(cell, value);
        }
        for (at, terms) in &self.derived {
            let cell = name(*at);
            let value = terms
                .iter()
                .try_fold(0i128, |acc, (free, c)| {
                    acc.checked_add(c.checked_mul(*given.get(free)?)?)
                })
                .ok_or_else(|| Shortfall::Overflow(cell.clone()))?;
            if value < 0 {
                return Err(Shortfall::Negative {
                    cell,
                    deficit: value.unsigned_abs(),
                });
            }
            let value = u64::try_from(value).map_err(|_| Shortfall::Overflow(cell.clone()))?;
            out.insert(cell, value);
        }
        Ok(out)
    }

    /// Like [`Completion::complete`], but a determined cell that would be negative is repaired
    /// by lowering the free cells that count against it (in order of first appearance) by its
    /// deficit, as a generator caps 二 (carried over) so that 一 (new) is not negative. Fails
    /// when those cells cannot cover the deficit.
    pub fn complete_lowering(
        &self,
        mut values: BTreeMap<String, u64>,
    ) -> Result<BTreeMap<String, u64>, Shortfall> {
        let mut last = Shortfall::Missing(String::new());
        for _ in 0..MAX_REPAIRS {
            let (cell, deficit) = match self.complete(&values) {
                Err(Shortfall::Negative { cell, deficit }) => (cell, deficit),
                done => return done,
            };
            last = Shortfall::Negative {
                cell: cell.clone(),
                deficit,
            };
            let Some((_, terms)) = self
                .derived
                .iter()
                .find(|(at, _)| self.cells.get(*at) == Some(&cell))
            else {
                return Err(Shortfall::Negative { cell, deficit });
            };
            // Each unit off a free cell with coefficient −c raises the cell by c.
            let mut left = deficit;
            for (free, c) in terms.iter().filter(|(_, c)| *c < 0) {
                let Some(value) = self.cells.get(*free).and_then(|p| values.get_mut(p)) else {
                    continue;
                };
                let per = c.unsigned_abs();
                let units = left.div_ceil(per).min(u128::from(*value));
                *value -= u64::try_from(units).unwrap_or(*value);
                left = left.saturating_sub(units * per);
                if left == 0 {
                    break;
                }
            }
            if left > 0 {
                return Err(Shortfall::Negative { cell, deficit });
            }
        }
        Err(last)
    }
}

/// Takes `column` out of `row` with the `pivot` row (coefficient 1 there).
fn eliminate(
    row: &mut BTreeMap<usize, i128>,
    pivot: &BTreeMap<usize, i128>,
    column: usize,
) -> Result<(), CatalogueError> {
    let Some(factor) = row.get(&column).copied() else {
        return Ok(());
    };
    for (at, c) in pivot {
        let entry = row.entry(*at).or_insert(0);
        *entry = c
            .checked_mul(factor)
            .and_then(|m| entry.checked_sub(m))
            .ok_or_else(|| CatalogueError::new("the identities' coefficients overflow"))?;
    }
    row.retain(|_, c| *c != 0);
    Ok(())
}
