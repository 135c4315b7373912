//! Mail texts per message and language, from the same translation files as
//! the pages. Each message has a subject, a plain-text and an HTML body, laid
//! out by [`super::layout`]. Account mails are here; fairs and tickets in
//! `fair.rs`, booth bookings in `booking.rs`.
mod booking;
mod fair;

pub use super::layout::escape_html;
pub use booking::*;
pub use fair::*;

use super::layout::{Block, Mail, render};
use crate::{i18n::*, organisations::Role};
use leptos_i18n::td_string;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub attachments: Vec<Attachment>,
}

/// A file sent with a mail: shown inside the HTML when it has a
/// `content_id` (referenced as `cid:…`), otherwise offered for download.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub content_id: String,
    pub data: Vec<u8>,
}

pub fn password_reset(locale: Locale, name: &str, link: &str) -> Message {
    let greeting = td_string!(locale, mail.greeting, name = name).to_string();
    compose(
        td_string!(locale, mail.reset_subject).to_string(),
        &greeting,
        td_string!(locale, mail.reset_body).to_string(),
        td_string!(locale, mail.reset_action).to_string(),
        link,
        locale,
    )
}

pub fn verify_email(locale: Locale, name: &str, link: &str) -> Message {
    let greeting = td_string!(locale, mail.greeting, name = name).to_string();
    compose(
        td_string!(locale, mail.verify_subject).to_string(),
        &greeting,
        td_string!(locale, mail.verify_body).to_string(),
        td_string!(locale, mail.verify_action).to_string(),
        link,
        locale,
    )
}

/// To the owner of an address someone tried to sign up with again.
pub fn account_exists(locale: Locale, name: &str, sign_in_link: &str, reset_link: &str) -> Message {
    let greeting = td_string!(locale, mail.greeting, name = name).to_string();
    compose(
        td_string!(locale, mail.exists_subject).to_string(),
        &greeting,
        td_string!(locale, mail.exists_body, reset_link = reset_link).to_string(),
        td_string!(locale, mail.exists_action).to_string(),
        sign_in_link,
        locale,
    )
}

/// To each installation administrator: a new organiser organisation waits.
pub fn approval_request(
    locale: Locale,
    organisation: &str,
    owner_name: &str,
    owner_email: &str,
    link: &str,
) -> Message {
    compose(
        td_string!(
            locale,
            mail.approval_request_subject,
            organisation = organisation
        )
        .to_string(),
        td_string!(locale, mail.greeting_plain),
        td_string!(
            locale,
            mail.approval_request_body,
            name = owner_name,
            email = owner_email,
            organisation = organisation
        )
        .to_string(),
        td_string!(locale, mail.approval_request_action).to_string(),
        link,
        locale,
    )
}

/// To the owners of an organiser organisation: the administrators decided.
pub fn approval_decided(
    locale: Locale,
    name: &str,
    organisation: &str,
    approved: bool,
    link: &str,
) -> Message {
    let greeting = td_string!(locale, mail.greeting, name = name).to_string();
    let (subject, body, action) = if approved {
        (
            td_string!(locale, mail.approved_subject, organisation = organisation).to_string(),
            td_string!(locale, mail.approved_body, organisation = organisation).to_string(),
            td_string!(locale, mail.approved_action).to_string(),
        )
    } else {
        (
            td_string!(locale, mail.declined_subject, organisation = organisation).to_string(),
            td_string!(locale, mail.declined_body, organisation = organisation).to_string(),
            td_string!(locale, mail.declined_action).to_string(),
        )
    };
    compose(subject, &greeting, body, action, link, locale)
}

pub fn member_invite(
    locale: Locale,
    inviter: &str,
    organisation: &str,
    role: Role,
    link: &str,
) -> Message {
    let role = role_label(locale, role);
    compose(
        td_string!(locale, mail.invite_subject, organisation = organisation).to_string(),
        td_string!(locale, mail.greeting_plain),
        td_string!(
            locale,
            mail.invite_body,
            inviter = inviter,
            organisation = organisation,
            role = role
        )
        .to_string(),
        td_string!(locale, mail.invite_action).to_string(),
        link,
        locale,
    )
}

pub fn role_label(locale: Locale, role: Role) -> String {
    match role {
        Role::Owner => td_string!(locale, roles.owner),
        Role::Organiser => td_string!(locale, roles.organiser),
        Role::DoorStaff => td_string!(locale, roles.door_staff),
        Role::Member => td_string!(locale, roles.member),
    }
    .to_string()
}

/// The layout of most messages: greeting, text, a button-like link (and the
/// link in plain text), a hint to ignore unexpected mail, the signature.
fn compose(
    subject: String,
    greeting: &str,
    body: String,
    action: String,
    link: &str,
    locale: Locale,
) -> Message {
    render(Mail {
        locale,
        subject,
        greeting: greeting.to_owned(),
        blocks: vec![
            Block::Text(body),
            Block::Action {
                label: action,
                link,
                lead: None,
            },
            Block::Note(td_string!(locale, mail.ignore_hint).to_string()),
        ],
        footer: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reset_mail_speaks_the_language_and_carries_the_link() {
        let de = password_reset(Locale::de, "Anna", "https://x.test/password/reset/abc");
        assert_eq!(de.subject, "Passwort für Jobfair zurücksetzen");
        assert!(de.text.starts_with("Hallo Anna,"));
        assert!(de.text.contains("https://x.test/password/reset/abc"));
        assert!(
            de.html
                .contains("href=\"https://x.test/password/reset/abc\"")
        );
        let en = password_reset(Locale::en, "Anna", "https://x.test/r");
        assert_eq!(en.subject, "Reset your Jobfair password");
    }

    #[test]
    fn names_are_escaped_in_html() {
        let mail = member_invite(
            Locale::en,
            "<script>",
            "A & B",
            Role::DoorStaff,
            "https://x.test/i",
        );
        assert!(mail.html.contains("&lt;script&gt;"));
        assert!(mail.html.contains("A &amp; B"));
        assert!(!mail.html.contains("<script>"));
        assert!(mail.text.contains("as Door staff"));
    }
}
