//! Jobseeker registration as pages and server functions share it: the form,
//! its rules, what registering answers, and the ticket page.
use crate::{
    error::{FieldErrors, Problem},
    fairs::EntryMode,
    validation::{NAME_MAX, normalise_email, required_text},
};
use serde::{Deserialize, Serialize};

/// Industries a jobseeker can be interested in (and employers belong to).
pub const INDUSTRIES: &[&str] = &[
    "logistics",
    "aviation",
    "retail",
    "hospitality",
    "health_care",
    "it",
    "crafts",
    "manufacturing",
    "public_service",
    "security",
    "cleaning",
    "office",
];

/// Kinds of jobs, as employers list them.
pub const JOB_TYPES: &[&str] = &[
    "full_time",
    "part_time",
    "apprenticeship",
    "mini_job",
    "internship",
];

pub const PHONE_MAX: usize = 40;
/// Registrations are deleted this many days after the fair (privacy notice).
pub const RETENTION_DAYS: i64 = 30;

/// Where a registration stands (the `status` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegistrationStatus {
    /// Holds a place and a ticket.
    Active,
    /// On the slot's waitlist, without a ticket.
    Waiting,
    Cancelled,
}

impl RegistrationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationStatus::Active => "active",
            RegistrationStatus::Waiting => "waiting",
            RegistrationStatus::Cancelled => "cancelled",
        }
    }

    /// An unknown value counts as cancelled: it holds no place.
    pub fn parse(value: &str) -> RegistrationStatus {
        match value {
            "active" => RegistrationStatus::Active,
            "waiting" => RegistrationStatus::Waiting,
            _ => RegistrationStatus::Cancelled,
        }
    }
}

/// The registration form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationForm {
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// `de` or `en`.
    pub language: String,
    pub slot_id: String,
    /// Comma-separated codes from [`INDUSTRIES`] and [`JOB_TYPES`]; the
    /// form's checkboxes send them one by one (`form[interests][]`).
    #[serde(default, deserialize_with = "codes_or_list")]
    pub interests: String,
    /// The checkbox: present when ticked.
    #[serde(default)]
    pub consent: Option<String>,
    /// The personal invitation code, when the jobseeker came from an invite.
    #[serde(default)]
    pub invite: String,
    /// Join the waitlist when the slot is full.
    #[serde(default)]
    pub waitlist: Option<String>,
}

/// Comma-separated codes, from one string or from a list of checked boxes.
fn codes_or_list<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Codes {
        Joined(String),
        Checked(Vec<String>),
    }
    Ok(match Codes::deserialize(deserializer)? {
        Codes::Joined(codes) => codes,
        Codes::Checked(codes) => codes.join(","),
    })
}

/// A registration form that passed every rule that needs no database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedRegistration {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub language: String,
    pub slot_id: i64,
    pub interests: String,
    pub invite: Option<String>,
    pub join_waitlist: bool,
}

/// Checks the form; the server runs this for every request (the browser
/// only checks what the form's HTML attributes ask, such as `required`).
pub fn check_registration(form: &RegistrationForm) -> Result<CheckedRegistration, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = required_text(&form.name, NAME_MAX)
        .map_err(|p| errors.add("name", p))
        .unwrap_or_default();
    let email = normalise_email(&form.email)
        .map_err(|p| errors.add("email", p))
        .unwrap_or_default();
    let phone = form.phone.trim().to_owned();
    if phone.chars().count() > PHONE_MAX {
        errors.add(
            "phone",
            Problem::TooLong {
                max: PHONE_MAX as u32,
            },
        );
    } else if !phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-/()".contains(c))
    {
        errors.add("phone", Problem::InvalidChoice);
    }
    let language = match crate::language::parse(&form.language) {
        Some(locale) => leptos_i18n::Locale::as_str(locale).to_owned(),
        None => {
            errors.add("language", Problem::InvalidChoice);
            String::new()
        }
    };
    let slot_id = match form.slot_id.trim().parse::<i64>() {
        Ok(id) if id > 0 => id,
        _ => {
            errors.add("slot_id", Problem::Required);
            0
        }
    };
    let mut interests: Vec<&str> = Vec::new();
    for code in form
        .interests
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        if !INDUSTRIES.contains(&code) && !JOB_TYPES.contains(&code) {
            errors.add("interests", Problem::InvalidChoice);
        } else if !interests.contains(&code) {
            interests.push(code);
        }
    }
    if form.consent.as_deref().is_none_or(str::is_empty) {
        errors.add("consent", Problem::Required);
    }
    let invite = Some(form.invite.trim().to_owned()).filter(|i| !i.is_empty());
    if invite.as_ref().is_some_and(|i| i.len() > 100) {
        errors.add("invite", Problem::LinkInvalid);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(CheckedRegistration {
        name,
        email,
        phone,
        language,
        slot_id,
        interests: interests.join(","),
        invite,
        join_waitlist: form.waitlist.as_deref().is_some_and(|w| !w.is_empty()),
    })
}

/// A slot as the registration form offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotChoice {
    pub id: i64,
    /// "10.03.2027 · 09:00–12:00"
    pub when: String,
    pub places_left: i64,
    pub entry_mode: EntryMode,
}

/// What the privacy notice names, filled in per fair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyFacts {
    /// The organisations running the fair: they see the registrations.
    pub organisers: String,
    /// "10.04.2027": when the registration data is deleted.
    pub deleted_on: String,
}

/// Everything the registration page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationPage {
    pub slug: String,
    pub fair_title: String,
    pub when: String,
    pub venue: String,
    pub open: bool,
    pub slots: Vec<SlotChoice>,
    pub privacy: PrivacyFacts,
    /// Filled in from a valid invitation link.
    pub invite: Option<InvitePrefill>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitePrefill {
    pub code: String,
    pub name: String,
    pub email: String,
    pub language: String,
    pub slot_id: Option<i64>,
}

/// What registering did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Registered {
    /// A ticket; the page moves to the personal link.
    Ticket { link: String },
    /// On the waitlist at this position; the personal link shows it.
    Waitlisted { link: String, position: i64 },
    /// This address had registered already: its ticket mail was sent again.
    SentAgain,
}

/// The state of a registration, as its personal page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TicketStatus {
    Active,
    Waiting { position: i64 },
    Cancelled,
}

/// An exhibitor on the ticket page, with the jobseeker's bookmark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteStop {
    pub organisation_id: i64,
    pub name: String,
    /// "Halle B · B07"
    pub booths: String,
    pub jobs: Vec<String>,
    pub bookmarked: bool,
}

/// The personal ticket page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketPage {
    pub name: String,
    pub status: TicketStatus,
    pub fair_title: String,
    pub fair_slug: String,
    pub slot_id: i64,
    pub slot_when: String,
    pub venue_name: String,
    pub venue_address: String,
    pub map_link: String,
    /// The QR code as an SVG document (only for an active ticket).
    pub qr_svg: Option<String>,
    pub short_code: Option<String>,
    /// Other slots with places, for changing.
    pub other_slots: Vec<SlotChoice>,
    pub exhibitors: Vec<RouteStop>,
    /// Whether the fair has not ended yet (actions are offered).
    pub changeable: bool,
}

#[cfg(test)]
mod tests {
    use super::RegistrationForm;

    #[test]
    fn interests_come_as_one_string_or_as_checked_boxes() {
        let joined: RegistrationForm = serde_json::from_value(serde_json::json!({
            "name": "A", "email": "a@example.org", "language": "de", "slot_id": "1",
            "interests": "it,logistics"
        }))
        .unwrap_or_default();
        assert_eq!(joined.interests, "it,logistics");
        let checked: RegistrationForm = serde_json::from_value(serde_json::json!({
            "name": "A", "email": "a@example.org", "language": "de", "slot_id": "1",
            "interests": ["it", "logistics"]
        }))
        .unwrap_or_default();
        assert_eq!(checked.interests, "it,logistics");
        let none: RegistrationForm = serde_json::from_value(serde_json::json!({
            "name": "A", "email": "a@example.org", "language": "de", "slot_id": "1"
        }))
        .unwrap_or_default();
        assert_eq!(none.interests, "");
        assert_eq!(none.name, "A");
    }
}
