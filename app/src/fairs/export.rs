//! CSV exports of registrations and exhibitors for organisers, made to open
//! cleanly in Excel: UTF-8 with a byte-order mark, `;` (German Excel) or `,`
//! as separator, and cells that could start a formula neutralised.
use super::{service::require_planner, store};
use crate::{
    auth::CurrentUser, i18n::Locale, language::dates, service_error::ServiceResult, state::AppState,
};
use leptos_i18n::td_string;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    Semicolon,
    Comma,
}

impl Separator {
    /// `comma` or anything else (semicolon, what German Excel expects).
    pub fn parse(value: Option<&str>) -> Separator {
        match value {
            Some("comma") => Separator::Comma,
            _ => Separator::Semicolon,
        }
    }

    fn byte(self) -> u8 {
        match self {
            Separator::Semicolon => b';',
            Separator::Comma => b',',
        }
    }
}

/// A finished file: name and bytes.
pub struct CsvFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Excel runs cells starting with `=`, `+`, `-`, `@` (or a tab/CR) as
/// formulas; a leading apostrophe keeps them text.
fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

fn write_csv(
    separator: Separator,
    header: &[String],
    rows: Vec<Vec<String>>,
) -> ServiceResult<Vec<u8>> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(separator.byte())
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut bytes);
        writer.write_record(header).map_err(anyhow::Error::from)?;
        for row in rows {
            writer
                .write_record(row.iter().map(|c| neutralise(c)))
                .map_err(anyhow::Error::from)?;
        }
        writer.flush().map_err(anyhow::Error::from)?;
    }
    Ok(bytes)
}

pub async fn registrations(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    separator: Separator,
    locale: Locale,
) -> ServiceResult<CsvFile> {
    let fair = require_planner(state, user, fair_id).await?;
    let zone = &fair.time_zone;
    let rows = store::registrations_for_export(state.db.pool(), fair_id).await?;
    let header = [
        td_string!(locale, export.name).to_string(),
        td_string!(locale, export.email).to_string(),
        td_string!(locale, export.slot).to_string(),
        td_string!(locale, export.status).to_string(),
        td_string!(locale, export.language).to_string(),
        td_string!(locale, export.registered_at).to_string(),
    ];
    let status = |s: &str| match s {
        "active" => td_string!(locale, export.status_active).to_string(),
        "waiting" => td_string!(locale, export.status_waiting).to_string(),
        _ => td_string!(locale, export.status_cancelled).to_string(),
    };
    let rows = rows
        .into_iter()
        .map(|r| {
            vec![
                r.name,
                r.email,
                dates::range(locale, r.slot_starts_at, r.slot_ends_at, zone),
                status(&r.status),
                r.locale,
                dates::moment(locale, r.created_at, zone),
            ]
        })
        .collect();
    Ok(CsvFile {
        file_name: format!(
            "{}-{}.csv",
            fair.slug,
            td_string!(locale, export.registrations_file)
        ),
        bytes: write_csv(separator, &header, rows)?,
    })
}

pub async fn exhibitors(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    separator: Separator,
    locale: Locale,
) -> ServiceResult<CsvFile> {
    let fair = require_planner(state, user, fair_id).await?;
    let rows = store::exhibitors(state.db.pool(), fair_id).await?;
    let header = [
        td_string!(locale, export.company).to_string(),
        td_string!(locale, export.hall).to_string(),
        td_string!(locale, export.booth).to_string(),
        td_string!(locale, export.booking).to_string(),
        td_string!(locale, export.jobs).to_string(),
    ];
    let status = |s: &str| match s {
        "confirmed" => td_string!(locale, export.booking_confirmed).to_string(),
        _ => td_string!(locale, export.booking_held).to_string(),
    };
    let rows = rows
        .into_iter()
        .map(|r| {
            vec![
                r.name,
                r.hall_name,
                r.booth_label,
                status(&r.status),
                r.job_count.to_string(),
            ]
        })
        .collect();
    Ok(CsvFile {
        file_name: format!(
            "{}-{}.csv",
            fair.slug,
            td_string!(locale, export.exhibitors_file)
        ),
        bytes: write_csv(separator, &header, rows)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_the_file_starts_with_a_bom() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("Müller"), "Müller");
        let bytes = write_csv(
            Separator::Semicolon,
            &["Name".into(), "Ort".into()],
            vec![vec!["Ayşe Demir".into(), "Gießen; Halle 1".into()]],
        )
        .unwrap_or_default();
        let text = String::from_utf8(bytes).unwrap_or_default();
        assert_eq!(
            text,
            "\u{feff}Name;Ort\r\nAyşe Demir;\"Gießen; Halle 1\"\r\n"
        );
    }
}
