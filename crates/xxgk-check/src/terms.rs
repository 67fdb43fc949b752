//! The labels that tell an identity's cells apart in messages (`（一）3 + （二）0 + …`), derived
//! from the standard's generated label paths of its cells, so that no label of the template is
//! written here.

use xxgk_model::Cell;

/// One cell of an identity, with the labels that name it among the identity's other cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Index into the standard's cells.
    pub cell: usize,
    /// The shortest Chinese name: the template's ordinal where the label has one (`（一）`,
    /// `（三）1`, `一`), else the label (`自然人`, `结果维持`).
    pub short_zh: String,
    /// The Chinese label in full (`（七）总计`, `（三）1.属于国家秘密`, `商业企业`).
    pub name_zh: String,
    /// The English name (`Granted`, `Withheld › State secret`, `Commercial enterprises`).
    pub name_en: String,
}

impl Term {
    /// The term with its value, as a sum prints it: `（一）3`, `（三）1 0`, `结果维持 3`.
    pub fn with_value_zh(&self, value: u64) -> String {
        let glue = if self.short_zh.ends_with('）') {
            ""
        } else {
            " "
        };
        format!("{}{glue}{value}", self.short_zh)
    }

    /// The term with its value in English: `Granted 3`.
    pub fn with_value_en(&self, value: u64) -> String {
        format!("{} {value}", self.name_en)
    }
}

/// The lengths of the prefix and the suffix every path shares (not overlapping in any path).
fn shared_ends<T: PartialEq>(paths: &[Vec<T>]) -> (usize, usize) {
    let Some(first) = paths.first() else {
        return (0, 0);
    };
    let shortest = paths.iter().map(Vec::len).min().unwrap_or(0);
    let agree = |pick: &dyn Fn(&Vec<T>) -> Option<&T>| {
        let head = pick(first);
        head.is_some() && paths.iter().all(|p| pick(p) == head)
    };
    let prefix = (0..shortest)
        .take_while(|&i| agree(&|p: &Vec<T>| p.get(i)))
        .count();
    let suffix = (0..shortest - prefix)
        .take_while(|&i| agree(&|p: &Vec<T>| p.len().checked_sub(i + 1).and_then(|j| p.get(j))))
        .count();
    (prefix, suffix)
}

/// The ordinal a template label starts with: `（七）` of `（七）总计`, `一` of `一、本年新收…`, `1` of
/// `1.属于国家秘密`; `None` for a label without one (`自然人`).
fn ordinal(label: &str) -> Option<&str> {
    if label.starts_with('（') {
        return label.find('）').map(|end| &label[..end + '）'.len_utf8()]);
    }
    if let Some((head, _)) = label.split_once('、')
        && !head.is_empty()
        && head.chars().all(|c| "一二三四五六七八九十".contains(c))
    {
        return Some(head);
    }
    numbered_item(label)
}

/// The number of a numbered item (`1` of `1.属于国家秘密`), which only its group makes unique.
fn numbered_item(label: &str) -> Option<&str> {
    let digits = label.trim_start_matches(|c: char| c.is_ascii_digit());
    let number = &label[..label.len() - digits.len()];
    (!number.is_empty() && digits.starts_with('.')).then_some(number)
}

/// The terms of the given cells, labelled by what sets them apart within `all` (every cell of
/// the identity): the labels all of them share at the start (the table, the row) and at the end
/// (the column) are left out.
pub fn terms(table: &'static [Cell], cells: &[usize], all: &[usize]) -> Vec<Term> {
    let zh_path = |c: usize| {
        table
            .get(c)
            .map(|c| c.labels_zh.to_vec())
            .unwrap_or_default()
    };
    let en_path = |c: usize| {
        table
            .get(c)
            .map(|c| c.name_en.split(" › ").collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let zh_paths: Vec<Vec<&str>> = all.iter().map(|&c| zh_path(c)).collect();
    let en_paths: Vec<Vec<&str>> = all.iter().map(|&c| en_path(c)).collect();
    let (zh_prefix, zh_suffix) = shared_ends(&zh_paths);
    let (en_prefix, en_suffix) = shared_ends(&en_paths);
    let own = |path: Vec<&'static str>, prefix: usize, suffix: usize| -> Vec<&'static str> {
        let end = path
            .len()
            .saturating_sub(suffix)
            .max(prefix.min(path.len()));
        let own = path.get(prefix..end).unwrap_or_default().to_vec();
        // A single-cell identity has nothing to tell apart: name the cell by its last label.
        if own.is_empty() {
            path.last().into_iter().copied().collect()
        } else {
            own
        }
    };
    // An English row name is its last segment unless another cell of the identity shares it
    // (`Other`), then with its group (`Other handling › Other`).
    let row_en = |c: usize| {
        let path = en_path(c);
        let end = path.len().saturating_sub(en_suffix);
        path.get(en_prefix.min(end)..end)
            .and_then(|own| own.last().copied())
    };
    let shared_last = |cell: usize| {
        let own = row_en(cell);
        all.iter().any(|&c| c != cell && row_en(c) == own)
    };
    cells
        .iter()
        .map(|&cell| {
            let zh = own(zh_path(cell), zh_prefix, zh_suffix);
            let en = own(en_path(cell), en_prefix, en_suffix);
            let last = zh.last().copied().unwrap_or_default();
            let parent = zh.len().checked_sub(2).and_then(|i| zh.get(i)).copied();
            let last_en = en.last().copied().unwrap_or_default();
            let parent_en = en.len().checked_sub(2).and_then(|i| en.get(i)).copied();
            let (short_zh, name_zh, name_en) = match (numbered_item(last), parent) {
                (Some(number), Some(parent)) => {
                    let group = ordinal(parent).unwrap_or(parent);
                    (
                        format!("{group}{number}"),
                        format!("{group}{last}"),
                        match parent_en {
                            Some(p) if shared_last(cell) => format!("{p} › {last_en}"),
                            _ => last_en.to_owned(),
                        },
                    )
                }
                _ => (
                    ordinal(last).unwrap_or(last).to_owned(),
                    last.to_owned(),
                    last_en.to_owned(),
                ),
            };
            Term {
                cell,
                short_zh,
                name_zh,
                name_en,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use xxgk_model::CELLS;

    fn index(pointer: &str) -> usize {
        Cell::index_of(pointer).unwrap()
    }

    fn shorts(cells: &[&str], all: &[&str]) -> Vec<(String, String, String)> {
        let cells: Vec<usize> = cells.iter().map(|p| index(p)).collect();
        let all: Vec<usize> = all.iter().map(|p| index(p)).collect();
        terms(&CELLS, &cells, &all)
            .into_iter()
            .map(|t| (t.short_zh, t.name_zh, t.name_en))
            .collect()
    }

    fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.to_owned(), b.to_owned(), c.to_owned())
    }

    #[test]
    fn outcome_rows_are_named_by_their_ordinals() {
        let all = [
            "/applications/results/total/natural_person",
            "/applications/results/granted/natural_person",
            "/applications/results/withheld/state_secret/natural_person",
            "/applications/results/other/other/natural_person",
        ];
        assert_eq!(
            shorts(&all, &all),
            [
                t("（七）", "（七）总计", "Total concluded"),
                t("（一）", "（一）予以公开", "Granted"),
                t("（三）1", "（三）1.属于国家秘密", "State secret"),
                t("（六）3", "（六）3.其他", "Other"),
            ]
        );
    }

    #[test]
    fn rows_columns_and_groups() {
        let r1 = [
            "/applications/new_received/total",
            "/applications/carried_over/total",
            "/applications/results/total/total",
            "/applications/carried_forward/total",
        ];
        assert_eq!(shorts(&r1, &r1)[0].0, "一");
        assert_eq!(shorts(&r1, &r1)[2].0, "（七）");
        let r3 = [
            "/applications/carried_over/total",
            "/applications/carried_over/natural_person",
            "/applications/carried_over/commercial_enterprise",
        ];
        assert_eq!(
            shorts(&r3, &r3),
            [
                t("总计", "总计", "Total"),
                t("自然人", "自然人", "Natural persons"),
                t("商业企业", "商业企业", "Commercial enterprises"),
            ]
        );
        let r4 = [
            "/review_litigation/litigation_direct/total",
            "/review_litigation/litigation_direct/upheld",
        ];
        assert_eq!(
            shorts(&r4, &r4),
            [
                t("总计", "总计", "Total"),
                t("结果维持", "结果维持", "Upheld")
            ]
        );
    }

    #[test]
    fn values_follow_their_labels() {
        let all = [
            index("/applications/results/granted/natural_person"),
            index("/applications/results/withheld/state_secret/natural_person"),
        ];
        let terms = terms(&CELLS, &all, &all);
        assert_eq!(terms[0].with_value_zh(3), "（一）3");
        assert_eq!(terms[1].with_value_zh(0), "（三）1 0");
        assert_eq!(terms[1].with_value_en(0), "State secret 0");
    }
}
