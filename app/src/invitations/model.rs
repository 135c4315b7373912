//! Invitation types shared by server and browser, and the check of one row.
use crate::{
    error::{FieldError, FieldErrors, Problem},
    validation::{NAME_MAX, collect, normalise_email, required_text},
};
use serde::{Deserialize, Serialize};

/// Rows one list may have.
pub const MAX_ROWS: usize = 20_000;
/// Rows sent per request while sending a list (the progress bar's step).
pub const CHUNK: usize = 250;

/// Who is invited: jobseekers register for a time slot, employers book a
/// booth.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum InviteKind {
    #[default]
    Jobseeker,
    Employer,
}

impl InviteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Jobseeker => "jobseeker",
            Self::Employer => "employer",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "jobseeker" => Some(Self::Jobseeker),
            "employer" => Some(Self::Employer),
            _ => None,
        }
    }
}

/// One person to invite, as typed or read from the list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteRow {
    /// Line in the file (1 = header), 0 when typed into the form.
    #[serde(default)]
    pub line: u32,
    pub name: String,
    pub email: String,
    /// `de`, `en`, or empty for German.
    #[serde(default)]
    pub locale: String,
    /// Start time of a slot ("09:00"), or empty for any.
    #[serde(default)]
    pub slot: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowStatus {
    Ready,
    Invalid,
    /// The same address appears earlier in the list.
    Duplicate,
    AlreadyInvited,
    /// The address asked for no more invitations.
    Unsubscribed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckedRow {
    pub row: InviteRow,
    pub status: RowStatus,
    pub problems: Vec<FieldError>,
}

/// The result of checking a list: nothing has been written yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub rows: Vec<CheckedRow>,
}

impl ImportPreview {
    pub fn ready(&self) -> Vec<InviteRow> {
        self.rows
            .iter()
            .filter(|r| r.status == RowStatus::Ready)
            .map(|r| r.row.clone())
            .collect()
    }
}

/// Where an invitation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InviteState {
    Queued,
    Sent,
    Failed,
    Registered,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteItem {
    pub id: i64,
    pub kind: InviteKind,
    pub name: String,
    pub email: String,
    pub slot: Option<String>,
    pub state: InviteState,
}

/// The invitations page of a fair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationsView {
    pub fair_id: i64,
    pub title: String,
    /// Slot start times ("09:00") with their labels.
    pub slots: Vec<(String, String)>,
    pub invites: Vec<InviteItem>,
}

/// A row checked on its own: the name, the address, the language and the
/// slot (one of `slot_starts`, or empty).
pub fn check_row(row: &InviteRow, slot_starts: &[String]) -> Result<InviteRow, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = collect(&mut errors, "name", required_text(&row.name, NAME_MAX));
    let email = collect(&mut errors, "email", normalise_email(&row.email));
    // Any language code on offer, and the names lists often carry.
    let locale = match row.locale.trim().to_lowercase().as_str() {
        "" | "deutsch" | "german" => Some("de".to_owned()),
        "englisch" | "english" => Some("en".to_owned()),
        code if crate::language::parse(code).is_some() => Some(code.to_owned()),
        _ => {
            errors.add("locale", Problem::InvalidChoice);
            None
        }
    };
    let slot = row.slot.trim().to_owned();
    if !slot.is_empty() && !slot_starts.contains(&slot) {
        errors.add("slot", Problem::InvalidChoice);
    }
    match (name, email, locale) {
        (Some(name), Some(email), Some(locale)) if errors.is_empty() => Ok(InviteRow {
            line: row.line,
            name,
            email,
            locale,
            slot,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, email: &str, locale: &str, slot: &str) -> InviteRow {
        InviteRow {
            line: 2,
            name: name.into(),
            email: email.into(),
            locale: locale.into(),
            slot: slot.into(),
        }
    }

    #[test]
    fn rows_are_normalised_and_every_problem_named() {
        let slots = vec!["09:00".to_owned()];
        let ok = check_row(
            &row(" Ayşe Demir ", "Ayse@Example.ORG", "EN", "09:00"),
            &slots,
        );
        assert_eq!(
            ok.map(|r| (r.name, r.email, r.locale)),
            Ok(("Ayşe Demir".into(), "ayse@example.org".into(), "en".into()))
        );
        let bad = check_row(&row("", "kaputt", "fr", "07:00"), &slots)
            .err()
            .unwrap_or_default();
        assert_eq!(bad.get("name"), Some(Problem::Required));
        assert_eq!(bad.get("email"), Some(Problem::InvalidEmail));
        assert_eq!(bad.get("locale"), Some(Problem::InvalidChoice));
        assert_eq!(bad.get("slot"), Some(Problem::InvalidChoice));
    }
}
