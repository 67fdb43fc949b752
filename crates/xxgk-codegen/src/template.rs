//! The template of the national format read from the schema's annotations: its numbered
//! sections, and each table's rows, groups and columns in template order, with the short labels
//! the template's numbering gives them. Inconsistent annotations fail loudly: a table row that
//! mixes cells and objects, a column whose label differs between rows, numbering out of order.

use crate::schema::{Prop, SchemaModel};
use crate::{CodegenError, err};

/// A numbered section of the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub pointer: String,
    pub heading: String,
    pub numeral: String,
    pub title: String,
    pub name_en: String,
    pub table: Option<String>,
}

/// A table with its rows and columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub number: String,
    pub title: String,
    pub pointer: String,
    pub rows: Vec<Row>,
    pub columns: Vec<Column>,
}

/// A row of a table; `cells` are (column index, cell index) in column order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub pointer: String,
    pub label: String,
    pub name: String,
    pub short_label: String,
    pub name_en: String,
    pub header: Option<String>,
    pub groups: Vec<Group>,
    pub cells: Vec<(usize, usize)>,
}

/// A group of rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub pointer: String,
    pub label: String,
    pub short_label: String,
    pub name_en: String,
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub key: String,
    pub header: String,
    pub short_header: String,
    pub header_group: Option<String>,
    pub name_en: String,
}

/// The template: sections and tables in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub sections: Vec<Section>,
    pub tables: Vec<Table>,
}

const NUMERALS: &str = "一二三四五六七八九十";

/// The value of a Chinese numeral from 一 to 九十九.
fn numeral_value(numeral: &str) -> Option<u32> {
    let digit = |c: char| {
        NUMERALS
            .chars()
            .position(|n| n == c)
            .and_then(|i| u32::try_from(i + 1).ok())
            .filter(|&v| v < 10)
    };
    let chars: Vec<char> = numeral.chars().collect();
    match chars.as_slice() {
        [d] if *d == '十' => Some(10),
        [d] => digit(*d),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', d] => Some(10 * digit(*t)? + digit(*d)?),
        _ => None,
    }
}

/// How a label is numbered in the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `一、`
    Enumerated,
    /// `（一）`
    Bracketed,
    /// `1.`
    Arabic,
}

/// The ordinal a label starts with (`一、`, `（一）`, `1.`), its style and its value.
fn ordinal(label: &str) -> Option<(&str, Style, u32)> {
    if let Some(rest) = label.strip_prefix('（')
        && let Some(end) = rest.find('）')
        && let Some(value) = numeral_value(&rest[..end])
    {
        return Some((
            &label[..'（'.len_utf8() + end + '）'.len_utf8()],
            Style::Bracketed,
            value,
        ));
    }
    if let Some((head, _)) = label.split_once('、')
        && let Some(value) = numeral_value(head)
    {
        return Some((
            &label[..head.len() + '、'.len_utf8()],
            Style::Enumerated,
            value,
        ));
    }
    let digits = label.trim_start_matches(|c: char| c.is_ascii_digit());
    let number = &label[..label.len() - digits.len()];
    if digits.starts_with('.')
        && let Ok(value) = number.parse()
    {
        return Some((&label[..number.len() + 1], Style::Arabic, value));
    }
    None
}

/// A label without the remark the template adds in brackets after its name:
/// `（二）部分公开` of `（二）部分公开（区分处理的，只计这一情形，不计其他情形）`.
pub fn without_remark(label: &str) -> &str {
    let start = if label.starts_with('（') {
        label.find('）').map_or(0, |end| end + '）'.len_utf8())
    } else {
        0
    };
    label
        .get(start..)
        .and_then(|rest| rest.find('（'))
        .and_then(|i| label.get(..start + i))
        .filter(|name| name.len() > start)
        .unwrap_or(label)
}

/// The properties directly below `parent`, in document order.
fn children<'a>(model: &'a SchemaModel, parent: &'a Prop) -> impl Iterator<Item = &'a Prop> {
    model
        .props
        .iter()
        .filter(move |p| p.path.len() == parent.path.len() + 1 && p.path.starts_with(&parent.path))
}

/// Siblings are numbered all or none, in one style, 1, 2, 3… in order.
fn check_numbering(labels: &[&str], at: &str) -> Result<(), CodegenError> {
    let ordinals: Vec<_> = labels.iter().map(|l| ordinal(l)).collect();
    if ordinals.iter().all(Option::is_none) {
        return Ok(());
    }
    let mut style = None;
    for (i, (label, ordinal)) in labels.iter().zip(&ordinals).enumerate() {
        let Some((_, s, value)) = *ordinal else {
            return err(format!("{at}: `{label}` is not numbered like its siblings"));
        };
        if style.is_some_and(|first| first != s) || u32::try_from(i + 1).ok() != Some(value) {
            return err(format!(
                "{at}: `{label}` is numbered out of order or in another style \
                 than its siblings (number {} expected)",
                i + 1
            ));
        }
        style = Some(s);
    }
    Ok(())
}

impl Template {
    /// Reads the template from the schema model; an error names the model's source file.
    pub fn new(model: &SchemaModel) -> Result<Self, CodegenError> {
        Self::read(model).map_err(|e| CodegenError(format!("{}: {}", model.source, e.0)))
    }

    fn read(model: &SchemaModel) -> Result<Self, CodegenError> {
        let top: Vec<&Prop> = model.props.iter().filter(|p| p.path.len() == 1).collect();
        let numbered: Vec<&Prop> = top
            .iter()
            .copied()
            .filter(|p| matches!(ordinal(&p.title), Some((_, Style::Enumerated, _))))
            .collect();
        let titles: Vec<&str> = numbered.iter().map(|p| p.title.as_str()).collect();
        check_numbering(&titles, "the sections")?;
        let mut sections = Vec::new();
        for prop in &numbered {
            let Some((numeral, _, _)) = ordinal(&prop.title) else {
                continue;
            };
            sections.push(Section {
                pointer: prop.pointer.clone(),
                heading: prop.title.clone(),
                numeral: numeral.trim_end_matches('、').to_owned(),
                title: prop.title[numeral.len()..].to_owned(),
                name_en: prop.name_en.clone(),
                table: prop.table.clone(),
            });
        }
        let mut tables = Vec::new();
        for prop in model.props.iter().filter(|p| p.table.is_some()) {
            if !numbered.contains(&prop) {
                return err(format!(
                    "{}: x-table marks a node that is not a numbered section",
                    prop.pointer
                ));
            }
            tables.push(table(model, prop)?);
        }
        // Every cell is in exactly one row, and the rows hold them in document order.
        let in_rows: Vec<usize> = tables
            .iter()
            .flat_map(|t| &t.rows)
            .flat_map(|r| r.cells.iter().map(|&(_, cell)| cell))
            .collect();
        if !in_rows.iter().copied().eq(0..model.cells().count()) {
            return err("the tables' rows do not hold every cell once, in document order");
        }
        Ok(Self { sections, tables })
    }
}

fn table(model: &SchemaModel, prop: &Prop) -> Result<Table, CodegenError> {
    let mut table = Table {
        number: prop.table.clone().unwrap_or_default(),
        title: prop.title.clone(),
        pointer: prop.pointer.clone(),
        rows: Vec::new(),
        columns: Vec::new(),
    };
    rows_below(model, prop, &mut Vec::new(), &mut table)?;
    Ok(table)
}

/// Adds the rows below `parent` (the table or a group) to `table`, depth first.
fn rows_below(
    model: &SchemaModel,
    parent: &Prop,
    groups: &mut Vec<Group>,
    table: &mut Table,
) -> Result<(), CodegenError> {
    let kids: Vec<&Prop> = children(model, parent).collect();
    let labels: Vec<&str> = kids.iter().map(|p| p.title.as_str()).collect();
    check_numbering(&labels, &parent.pointer)?;
    for kid in kids {
        if !kid.is_object {
            return err(format!(
                "{}: a value of {} outside a row (a row is an object of cells)",
                kid.pointer, table.number
            ));
        }
        let grandchildren: Vec<&Prop> = children(model, kid).collect();
        let short =
            || ordinal(&kid.title).map_or_else(|| without_remark(&kid.title), |(o, _, _)| o);
        if grandchildren.iter().all(|p| p.is_object) {
            groups.push(Group {
                pointer: kid.pointer.clone(),
                label: kid.title.clone(),
                short_label: short().to_owned(),
                name_en: kid.name_en.clone(),
            });
            rows_below(model, kid, groups, table)?;
            groups.pop();
            continue;
        }
        if grandchildren.iter().any(|p| p.is_object) {
            return err(format!(
                "{}: a node of {} holds both values and objects: neither a row \
                 nor a group",
                kid.pointer, table.number
            ));
        }
        let mut cells = Vec::new();
        for leaf in grandchildren {
            let Some(cell) = model.cells().position(|c| c.pointer == leaf.pointer) else {
                return err(format!(
                    "{}: a row of {} holds a value that is not a cell",
                    leaf.pointer, table.number
                ));
            };
            let column = column_of(table, leaf)?;
            if cells
                .last()
                .is_some_and(|&(previous, _)| previous >= column)
            {
                return err(format!(
                    "{}: the columns of {} are in another order than in the \
                     rows above",
                    leaf.pointer, table.number
                ));
            }
            cells.push((column, cell));
        }
        table.rows.push(Row {
            pointer: kid.pointer.clone(),
            label: kid.title.clone(),
            name: without_remark(&kid.title).to_owned(),
            short_label: short().to_owned(),
            name_en: kid.name_en.clone(),
            header: kid.header.clone(),
            groups: groups.clone(),
            cells,
        });
    }
    Ok(())
}

/// The index of the leaf's column in the table, added when new; a key whose annotations differ
/// from an earlier row's is an error.
fn column_of(table: &mut Table, leaf: &Prop) -> Result<usize, CodegenError> {
    let column = Column {
        key: leaf.path.last().cloned().unwrap_or_default(),
        header: leaf.title.clone(),
        short_header: without_remark(&leaf.title).to_owned(),
        header_group: leaf.header.clone(),
        name_en: leaf.name_en.clone(),
    };
    match table.columns.iter().position(|c| c.key == column.key) {
        Some(i) if table.columns.get(i) == Some(&column) => Ok(i),
        Some(_) => err(format!(
            "{}: column `{}` of {} has another title, x-header or x-name-en \
             than in the rows above",
            leaf.pointer, column.key, table.number
        )),
        None => {
            table.columns.push(column);
            Ok(table.columns.len() - 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_of_the_template() {
        assert_eq!(
            ordinal("一、总体情况"),
            Some(("一、", Style::Enumerated, 1))
        );
        assert_eq!(ordinal("（七）总计"), Some(("（七）", Style::Bracketed, 7)));
        assert_eq!(
            ordinal("8.属于行政查询事项"),
            Some(("8.", Style::Arabic, 8))
        );
        assert_eq!(
            ordinal("十二、其他"),
            Some(("十二、", Style::Enumerated, 12))
        );
        assert_eq!(ordinal("规章"), None);
        assert_eq!(ordinal("（单位：万元）"), None);
        assert_eq!(without_remark("本年收费金额（单位：万元）"), "本年收费金额");
        assert_eq!(
            without_remark("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            "（二）部分公开"
        );
        assert_eq!(
            without_remark("3.危及“三安全一稳定”"),
            "3.危及“三安全一稳定”"
        );
    }

    #[test]
    fn numbering_must_run_in_order_in_one_style() {
        assert_eq!(check_numbering(&["规章", "行政许可"], "x"), Ok(()));
        assert_eq!(check_numbering(&["1.a", "2.b"], "x"), Ok(()));
        assert!(check_numbering(&["1.a", "3.b"], "x").is_err());
        assert!(check_numbering(&["（一）a", "2.b"], "x").is_err());
        assert!(check_numbering(&["1.a", "b"], "x").is_err());
    }
}
