//! Page numbers printed bare between a table's rows, as a PDF's footer (`7`, no dashes) lands in
//! the text a converter takes from it where the table goes on to the next page.

/// `text` (UTF-8) with one to three page numbers, each alone on its line, put between
/// two rows of its tables: in a table printed a cell a line (rows apart by an empty line, every
/// cell on a line of its own opening with a tab), after the empty line that ends a row; in a
/// table printed a row a line (cells apart by tabs or runs of spaces), between two lines that
/// both hold a figure. A report whose footers print so prints one on every page, and not every
/// page ends in a table: one more stands between two lines of prose, or after the last line
/// (the last page's). The numbers go up along the text, from 1 to 5 on, by one or two (a page
/// between whose number is not printed here). The places and numbers are drawn from `seed`.
/// Text that is not UTF-8, or without a place in a table, is returned as it is.
pub fn bare_page_numbers(text: &[u8], seed: u64) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(text) else {
        return text.to_vec();
    };
    let noise = crate::Noise {
        state: crate::Mutable::new(seed ^ 0x2545_F491_4F6C_DD1D),
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let cell_line = |line: &str| line.starts_with('\t');
    let row_line = |line: &str| {
        line.chars().any(|c| c.is_ascii_digit())
            && (line.trim().contains('\t') || line.trim().contains("   "))
    };
    // Each place: the index of the line the page number goes before, and whether an empty line
    // follows it (a cell a line keeps its rows apart so).
    let places: Vec<(usize, bool)> = (1..lines.len().saturating_sub(1))
        .filter_map(|k| {
            let (before, at, after) = (lines[k - 1], lines[k], lines[k + 1]);
            if at.is_empty() && cell_line(before) && cell_line(after) {
                Some((k + 1, true))
            } else if row_line(before) && row_line(at) {
                Some((k, false))
            } else {
                None
            }
        })
        .collect();
    if places.is_empty() {
        return text.as_bytes().to_vec();
    }
    let prose_line = |line: &str| {
        !line.trim().is_empty()
            && !cell_line(line)
            && !row_line(line)
            && !line.trim().chars().all(|c| c.is_ascii_digit())
    };
    let prose_places: Vec<usize> = (1..lines.len())
        .filter(|&k| prose_line(lines[k - 1]) && prose_line(lines[k]))
        .chain([lines.len()])
        .collect();
    let pick = |among: usize| usize::try_from(noise.below(among as u64)).unwrap_or(0);
    let count = 1 + noise.below(3);
    let mut chosen: Vec<(usize, bool)> = (0..count)
        .filter_map(|_| places.get(pick(places.len())).copied())
        .chain(
            prose_places
                .get(pick(prose_places.len()))
                .map(|&at| (at, false)),
        )
        .collect();
    chosen.sort_unstable();
    chosen.dedup();
    // Page numbers go up along the text, by one, or by more where pages between end with no
    // number seen here.
    let mut page = noise.below(5);
    let mut next_page = || {
        page += 1 + noise.below(2);
        page.to_string()
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut next = chosen.iter().peekable();
    for (k, line) in lines.iter().enumerate() {
        if let Some(&(_, empty_after)) = next.next_if(|&&(at, _)| at == k) {
            out.push_str(&next_page());
            out.push('\n');
            if empty_after {
                out.push('\n');
            }
        }
        out.push_str(line);
        if k + 1 < lines.len() {
            out.push('\n');
        }
    }
    if next.next_if(|&&(at, _)| at == lines.len()).is_some() {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&next_page());
        out.push('\n');
    }
    out.into_bytes()
}

/// `text` (UTF-8) printed a cell a line, as [`xxgk_render::Layout::OneCellPerLine`] prints it,
/// as PyMuPDF's `get_text()` and pdf.js print a PDF's table: the tab opening every cell's line
/// dropped, a cell printing nothing with its line, and the empty lines between a table's rows
/// (those around a bare page number too). Text that is not UTF-8 is returned as it is.
pub fn unindented_cells(text: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(text) else {
        return text.to_vec();
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let in_table = |line: &str| {
        line.starts_with('\t') || (!line.is_empty() && line.chars().all(|c| c.is_ascii_digit()))
    };
    let mut out = String::with_capacity(text.len());
    for (k, line) in lines.iter().enumerate() {
        if line.starts_with('\t') && line.trim().is_empty() {
            continue;
        }
        if line.is_empty() {
            let before = lines[..k].iter().rev().find(|l| !l.is_empty());
            let after = lines[k + 1..].iter().find(|l| !l.is_empty());
            if before.is_some_and(|l| in_table(l)) && after.is_some_and(|l| in_table(l)) {
                continue;
            }
        }
        out.push_str(line.strip_prefix('\t').unwrap_or(line));
        if k + 1 < lines.len() {
            out.push('\n');
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_number_stands_alone_between_two_rows_and_one_in_prose() {
        let cells = "表\n\n\t规章\n\t0\n\n\t行政规范性文件\n\t6\n\n正文\n";
        let rows = "规章\t0\t0\t0\n行政规范性文件\t6\t3\t18\n";
        let prose = "表\n\t规章\n\t0\n\n\t行政许可\n\t6\n\n正文一\n正文二\n";
        for seed in 0..32 {
            let printed = String::from_utf8(bare_page_numbers(cells.as_bytes(), seed)).unwrap();
            let page: Vec<&str> = printed
                .lines()
                .filter(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_digit()))
                .collect();
            // One between the rows, the last page's after the last line.
            assert_eq!(page.len(), 2, "{printed}");
            assert!(printed.contains(&format!("\t0\n\n{}\n\n\t行政规范性文件", page[0])));
            assert!(
                printed.ends_with(&format!("\n正文\n{}\n", page[1])),
                "{printed}"
            );
            // Numbered up along the text.
            let numbers: Vec<u32> = page.iter().map(|p| p.parse().unwrap()).collect();
            assert!(numbers[0] >= 1 && numbers[0] < numbers[1], "{printed}");
            let printed = String::from_utf8(bare_page_numbers(rows.as_bytes(), seed)).unwrap();
            let lines: Vec<&str> = printed.lines().collect();
            assert_eq!(lines.len(), 4, "{printed}");
            assert_eq!(lines[0], "规章\t0\t0\t0");
            assert!(lines[1].chars().all(|c| c.is_ascii_digit()), "{printed}");
            assert_eq!(lines[2], "行政规范性文件\t6\t3\t18");
            assert!(lines[3].chars().all(|c| c.is_ascii_digit()), "{printed}");
            // Between two lines of prose, or after the last.
            let printed = String::from_utf8(bare_page_numbers(prose.as_bytes(), seed)).unwrap();
            let after_prose = printed.contains("正文一\n正文二\n")
                && printed
                    .lines()
                    .last()
                    .is_some_and(|l| l.chars().all(|c| c.is_ascii_digit()));
            let between = printed
                .lines()
                .skip_while(|l| *l != "正文一")
                .nth(1)
                .is_some_and(|l| l.chars().all(|c| c.is_ascii_digit()));
            assert!(after_prose || between, "{printed}");
        }
        assert_eq!(
            bare_page_numbers("正文\n".as_bytes(), 1),
            "正文\n".as_bytes()
        );
    }

    #[test]
    fn cells_lose_their_tab_and_rows_their_empty_lines() {
        let cells = "表\n\n\t规章\n\t0\n\t   \n\n7\n\n\t行政规范性文件\n\t6\n\n正文\n";
        assert_eq!(
            String::from_utf8(unindented_cells(cells.as_bytes())).unwrap(),
            "表\n\n规章\n0\n7\n行政规范性文件\n6\n\n正文\n"
        );
    }
}
