//! Tables printed as comma-separated rows inside the text (`规章,1,0,11`,
//! `"一、本年新收政府信息公开申请数量","","","3001",…`), as scripts write the tables that tabula,
//! camelot or pdfplumber take out of a PDF: each such row is read as the row of cells it is, a
//! field quoted when it holds a comma (`"1,032"`). Only ASCII commas part fields: the full-width
//! commas of prose fold to `,` but are no separators.

use crate::normalize::{Glyph, PosText, trim_glyphs};

/// A field of a comma-separated row: its glyphs, quotes and the commas that part it left out.
struct Field {
    glyphs: Vec<Glyph>,
    /// The comma (or quote) that opens it, or the line's first glyph: where its cell mark stands.
    mark: Glyph,
}

/// The fields of `line` when it is a comma-separated row: at least one comma outside quotes,
/// quotes balanced, and no whitespace next to a digit outside quotes (`行政许可 1,032` is a
/// number with a thousands separator beside its label, not two fields).
fn fields(line: &PosText) -> Option<Vec<Field>> {
    let glyphs = &line.glyphs;
    if !glyphs.iter().any(|g| g.raw == ',') {
        return None;
    }
    let first = *glyphs.iter().find(|g| !g.ch.is_whitespace())?;
    let mut out = vec![Field {
        glyphs: Vec::new(),
        mark: first,
    }];
    let mut quoted = false;
    let mut k = 0;
    while let Some(g) = glyphs.get(k) {
        let next = glyphs.get(k + 1);
        if g.raw == '"' {
            if quoted && next.is_some_and(|n| n.raw == '"') {
                // An escaped quote inside a quoted field.
                out.last_mut()?.glyphs.push(*g);
                k += 2;
                continue;
            }
            quoted = !quoted;
        } else if g.raw == ',' && !quoted {
            out.push(Field {
                glyphs: Vec::new(),
                mark: *g,
            });
        } else {
            let beside_digit = |o: Option<&Glyph>| o.is_some_and(|o| o.ch.is_ascii_digit());
            if !quoted
                && g.ch.is_whitespace()
                && (beside_digit(next)
                    || beside_digit(k.checked_sub(1).and_then(|b| glyphs.get(b))))
            {
                // A field's padding (`规章, 1, 0`) touches a comma or an end of the line.
                let opens_field = out
                    .last()
                    .is_some_and(|f| f.glyphs.iter().all(|g| g.ch.is_whitespace()));
                let closes_field = glyphs
                    .get(k..)
                    .unwrap_or_default()
                    .iter()
                    .find(|g| !g.ch.is_whitespace())
                    .is_none_or(|g| g.raw == ',');
                if !opens_field && !closes_field {
                    return None;
                }
            }
            out.last_mut()?.glyphs.push(*g);
        }
        k += 1;
    }
    (out.len() >= 2 && !quoted).then_some(out)
}

fn text_of(field: &Field) -> String {
    field
        .glyphs
        .iter()
        .map(|g| g.ch)
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn is_number(text: &str) -> bool {
    crate::number::classify(text) == crate::number::TokenClass::Number
}

/// Whether the fields read as one number with thousands separators (`1,032`), which a line of
/// its own may print: never a row of cells.
fn one_number(fields: &[Field]) -> bool {
    let digits = |field: &Field, n: std::ops::RangeInclusive<usize>| {
        let text = text_of(field);
        n.contains(&text.len()) && text.chars().all(|c| c.is_ascii_digit())
    };
    fields.first().is_some_and(|f| digits(f, 1..=3))
        && fields.iter().skip(1).all(|f| digits(f, 3..=3))
}

/// Whether the fields are a table row: text first (a label, or nothing where a merged label
/// column is empty), a number last, and numbers at least half of what it prints (prose whose
/// sentences ASCII commas part, a page on one line, prints mostly words).
fn is_number_row(fields: &[Field]) -> bool {
    let texts: Vec<String> = fields.iter().map(text_of).collect();
    if texts.iter().all(|t| is_number(t)) {
        // A row of numbers alone (表四's), unless it is one number (see `one_number`).
        return !one_number(fields);
    }
    let labelled = texts.first().is_some_and(|t| t.is_empty() || !is_number(t));
    let printed: Vec<&String> = texts.iter().filter(|t| !t.is_empty()).collect();
    let numbers = printed.iter().filter(|t| is_number(t)).count();
    let ends_in_number = printed.last().is_some_and(|t| is_number(t));
    labelled
        && ends_in_number
        && numbers * 2 >= printed.len()
        && (texts.len() >= 3 || texts.first().is_some_and(|t| !t.is_empty()))
}

/// `lines` with every comma-separated row of a table, and the comma-separated lines right above
/// and below such rows (its header, a group's label), read as a row of cells
/// (`| 规章 | 1 | 0 | 11 |`); every other line as it is.
pub(crate) fn rows_as_cells(lines: Vec<PosText>) -> Vec<PosText> {
    if !lines.iter().any(|l| l.glyphs.iter().any(|g| g.raw == ',')) {
        return lines;
    }
    let lines = records_joined(lines);
    let parsed: Vec<Option<Vec<Field>>> = lines
        .iter()
        .map(|line| fields(line).filter(|f| !one_number(f)))
        .collect();
    let rows: Vec<bool> = parsed
        .iter()
        .map(|f| f.as_deref().is_some_and(is_number_row))
        .collect();
    // A table's other comma-separated lines stand next to its rows.
    let mut in_table = rows.clone();
    for k in 0..lines.len() {
        if !rows.get(k).copied().unwrap_or(false) {
            continue;
        }
        for step in [-1isize, 1] {
            let mut j = k as isize + step;
            while let Some(j_index) = usize::try_from(j).ok().filter(|&j| j < lines.len()) {
                if parsed.get(j_index).is_some_and(Option::is_some)
                    && !in_table.get(j_index).copied().unwrap_or(true)
                {
                    if let Some(flag) = in_table.get_mut(j_index) {
                        *flag = true;
                    }
                    j += step;
                } else {
                    break;
                }
            }
        }
    }
    lines
        .into_iter()
        .zip(parsed)
        .zip(in_table)
        .map(|((line, fields), table)| match fields {
            Some(fields) if table => cells_line(&fields, &line),
            _ => line,
        })
        .collect()
}

/// The most lines a row with line breaks in its quoted fields is looked for over: a label
/// wrapped in its cell, or a group label printed a character a line (`三` `、` `本` … `果`).
const MAX_RECORD_LINES: usize = 16;

/// `lines` with each row whose quoted field holds line breaks (a cell's lines, kept by
/// `csv.writer`: `,"（二）部分公开（区分处理的，只计这一情` over `形，不计其他情形）",,447,…`)
/// joined into one line, where the joined lines are a table row; every other line as it is.
fn records_joined(lines: Vec<PosText>) -> Vec<PosText> {
    let quotes = |line: &PosText| line.glyphs.iter().filter(|g| g.raw == '"').count();
    let mut out = Vec::with_capacity(lines.len());
    let mut k = 0;
    while let Some(line) = lines.get(k) {
        let mut open = quotes(line) % 2 == 1;
        let mut record = line.clone();
        let mut end = k;
        while open && end + 1 < lines.len() && end + 1 - k < MAX_RECORD_LINES {
            end += 1;
            let Some(next) = lines.get(end) else { break };
            record.glyphs.extend(next.glyphs.iter().copied());
            open ^= quotes(next) % 2 == 1;
        }
        let is_row = !open
            && end > k
            && fields(&record).is_some_and(|f| !one_number(&f) && is_number_row(&f));
        if is_row {
            out.push(record);
            k = end + 1;
        } else {
            out.push(line.clone());
            k += 1;
        }
    }
    out
}

/// The fields as a line of cells, `|` at each field's mark.
fn cells_line(fields: &[Field], line: &PosText) -> PosText {
    let mut out = PosText::default();
    for field in fields {
        out.glyphs.push(Glyph {
            ch: '|',
            ..field.mark
        });
        out.glyphs.push(Glyph {
            ch: ' ',
            ..field.mark
        });
        out.glyphs.extend_from_slice(trim_glyphs(&field.glyphs));
        out.glyphs.push(Glyph {
            ch: ' ',
            ..field.mark
        });
    }
    if let Some(last) = line.glyphs.last() {
        out.glyphs.push(Glyph { ch: '|', ..*last });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::text_lines;

    fn read(text: &str) -> Vec<String> {
        rows_as_cells(text_lines(text))
            .iter()
            .map(PosText::normalized)
            .collect()
    }

    #[test]
    fn comma_separated_rows_read_as_cells() {
        let text = "第二十条第（一）项\n信息内容,本年制发件数,本年废止件数,现行有效件数\n规章,1,0,11\n行政规范性文件,\"1,032\",0,\"\"\n\n一、总体情况";
        assert_eq!(
            read(text),
            [
                "第二十条第(一)项",
                "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
                "| 规章 | 1 | 0 | 11 |",
                "| 行政规范性文件 | 1,032 | 0 |  |",
                "",
                "一、总体情况",
            ]
        );
    }

    #[test]
    fn a_row_of_two_fields_and_rows_with_empty_label_cells() {
        let text =
            "行政许可,550\n一、本年新收政府信息公开申请数量,,,3001,53\n,（二）部分公开,,447,7";
        assert_eq!(
            read(text),
            [
                "| 行政许可 | 550 |",
                "| 一、本年新收政府信息公开申请数量 |  |  | 3001 | 53 |",
                "|  | (二)部分公开 |  | 447 | 7 |",
            ]
        );
    }

    #[test]
    fn a_row_of_numbers_alone_reads_as_cells_and_a_number_with_separators_does_not() {
        assert_eq!(
            read("72,64,178,37,351\n1,032\n12,345,678"),
            ["| 72 | 64 | 178 | 37 | 351 |", "1,032", "12,345,678"]
        );
    }

    #[test]
    fn a_row_whose_quoted_cell_holds_line_breaks_reads_as_one() {
        let text = ",\"（二）部分公开（区分处理的，只计这一情\n形，不计其他情形）\",,447,7\n,\"（三）不\n予公开\",\"1.属于国家\n秘密\",2,0";
        assert_eq!(
            read(text),
            [
                "|  | (二)部分公开(区分处理的,只计这一情形,不计其他情形) |  | 447 | 7 |",
                "|  | (三)不予公开 | 1.属于国家秘密 | 2 | 0 |",
            ]
        );
        // An odd quote in prose is no record.
        let prose = "他说\"好,\n然后,走了";
        assert_eq!(read(prose), ["他说\"好,", "然后,走了"]);
    }

    #[test]
    fn padded_fields_read_alike() {
        assert_eq!(read("规章, 1, 0 ,11"), ["| 规章 | 1 | 0 | 11 |"]);
    }

    #[test]
    fn prose_and_numbers_with_thousands_separators_stay_as_they_are() {
        let text = "2024年,净月高新区坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻\n行政许可 1,032\n1,032\n共收到申请，办结 3119 件\n二、主动公开政府信息情况,信息内容,本年制发件数,规章,0,0,0,行政许可,5";
        assert_eq!(
            read(text),
            text_lines(text)
                .iter()
                .map(PosText::normalized)
                .collect::<Vec<_>>()
        );
    }
}
