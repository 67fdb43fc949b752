//! The 2019 format's 表二 (国办公开办函〔2019〕60号), hand-written: the 2019 edition has no
//! generated Standard yet. These tables move to `STANDARD_2019` with the issue that adds it.

use crate::template::{ActiveRow, Column, RowSpec, ValueKind};

const fn count(name: &'static str, label: &'static str) -> Column {
    Column {
        name,
        label,
        kind: ValueKind::Count,
    }
}

const DOCUMENT_COLUMNS_2019: &[Column] = &[
    count("newly_made", "本年新制作数量"),
    count("newly_published", "本年新公开数量"),
    count("total_published", "对外公开总数量"),
];
const ITEM_COLUMNS_2019: &[Column] = &[
    count("previous_year_items", "上一年项目数量"),
    Column {
        name: "change",
        label: "本年增/减",
        kind: ValueKind::Signed,
    },
    count("decisions", "处理决定数量"),
];
const FEE_COLUMNS_2019: &[Column] = &[
    count("previous_year_items", "上一年项目数量"),
    Column {
        name: "change",
        label: "本年增/减",
        kind: ValueKind::Signed,
    },
];
const PROCUREMENT_COLUMNS_2019: &[Column] = &[
    count("items", "采购项目数量"),
    Column {
        name: "total_amount",
        label: "采购总金额",
        kind: ValueKind::Published,
    },
];

/// 表二 of the 2019 format (国办公开办函〔2019〕60号); pointers into the 2019 structure.
pub(crate) fn active_2019(row: ActiveRow) -> RowSpec {
    let (path, label, columns) = match row {
        ActiveRow::Regulations => (
            "/active_disclosure/regulations",
            "规章",
            DOCUMENT_COLUMNS_2019,
        ),
        ActiveRow::NormativeDocuments => (
            "/active_disclosure/normative_documents",
            "规范性文件",
            DOCUMENT_COLUMNS_2019,
        ),
        ActiveRow::Licensing => (
            "/active_disclosure/licensing",
            "行政许可",
            ITEM_COLUMNS_2019,
        ),
        ActiveRow::OtherServices => (
            "/active_disclosure/other_services",
            "其他对外管理服务事项",
            ITEM_COLUMNS_2019,
        ),
        ActiveRow::Penalty => ("/active_disclosure/penalty", "行政处罚", ITEM_COLUMNS_2019),
        ActiveRow::Coercion => ("/active_disclosure/coercion", "行政强制", ITEM_COLUMNS_2019),
        ActiveRow::Fees => (
            "/active_disclosure/fees",
            "行政事业性收费",
            FEE_COLUMNS_2019,
        ),
        ActiveRow::Procurement => (
            "/active_disclosure/procurement",
            "政府集中采购",
            PROCUREMENT_COLUMNS_2019,
        ),
    };
    RowSpec {
        path,
        label,
        columns,
    }
}

/// The rows of 表二 in the 2019 template, in order.
pub(crate) const ACTIVE_2019_ROWS: &[ActiveRow] = &[
    ActiveRow::Regulations,
    ActiveRow::NormativeDocuments,
    ActiveRow::Licensing,
    ActiveRow::OtherServices,
    ActiveRow::Penalty,
    ActiveRow::Coercion,
    ActiveRow::Fees,
    ActiveRow::Procurement,
];
