//! Mail texts per message and language, from the same translation files as
//! the pages. Each message has a subject, a plain-text and an HTML body.
use crate::{i18n::*, organisations::Role};
use leptos_i18n::{Locale as _, td_string};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub subject: String,
    pub text: String,
    pub html: String,
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
        &td_string!(locale, mail.greeting_plain).to_string(),
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

/// What a fair invitation says: who invites, to what, when and where.
pub struct FairInvitation<'a> {
    pub name: &'a str,
    pub organisation: &'a str,
    pub fair: &'a str,
    pub when: &'a str,
    pub venue: &'a str,
    pub link: &'a str,
    pub unsubscribe_link: &'a str,
    /// An employer invited to book a booth (not a jobseeker to register).
    pub employer: bool,
}

/// A personal invitation to a fair, with the single-use link and a way to
/// get no more invitations.
pub fn fair_invitation(locale: Locale, invitation: &FairInvitation<'_>) -> Message {
    let (subject, body, action) = if invitation.employer {
        (
            td_string!(locale, mail.booth_invite_subject, fair = invitation.fair).to_string(),
            td_string!(
                locale,
                mail.booth_invite_body,
                organisation = invitation.organisation,
                fair = invitation.fair,
                when = invitation.when,
                venue = invitation.venue
            )
            .to_string(),
            td_string!(locale, mail.booth_invite_action).to_string(),
        )
    } else {
        (
            td_string!(locale, mail.fair_invite_subject, fair = invitation.fair).to_string(),
            td_string!(
                locale,
                mail.fair_invite_body,
                organisation = invitation.organisation,
                fair = invitation.fair,
                when = invitation.when,
                venue = invitation.venue
            )
            .to_string(),
            td_string!(locale, mail.fair_invite_action).to_string(),
        )
    };
    let mut message = compose(
        subject,
        &td_string!(locale, mail.greeting, name = invitation.name).to_string(),
        body,
        action,
        invitation.link,
        locale,
    );
    let unsubscribe = td_string!(locale, mail.unsubscribe_hint).to_string();
    message.text.push_str(&format!(
        "\n{unsubscribe}\n{}\n",
        invitation.unsubscribe_link
    ));
    message.html = message.html.replace(
        "</body>",
        &format!(
            "<p style=\"font-size:13px;color:#444444\">{} <a href=\"{link}\" style=\"color:#444444\">{link}</a></p></body>",
            escape_html(&unsubscribe),
            link = escape_html(invitation.unsubscribe_link)
        ),
    );
    message
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

/// One layout for every message: greeting, text, a button-like link, the
/// link again in plain text, and the signature.
fn compose(
    subject: String,
    greeting: &str,
    body: String,
    action: String,
    link: &str,
    locale: Locale,
) -> Message {
    let ignore = td_string!(locale, mail.ignore_hint).to_string();
    let signature = td_string!(locale, mail.signature).to_string();
    let text = format!("{greeting}\n\n{body}\n{link}\n\n{ignore}\n\n{signature}\n");
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{subject_h}</title></head>\
         <body style=\"font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a\">\
         <p>{greeting_h}</p><p>{body_h}</p>\
         <p><a href=\"{link_h}\" style=\"display:inline-block;background:#0b57d0;color:#ffffff;padding:12px 20px;\
         border-radius:6px;text-decoration:none;font-weight:bold\">{action_h}</a></p>\
         <p style=\"font-size:14px;color:#444444\">{link_h}</p><p style=\"font-size:14px;color:#444444\">{ignore_h}</p>\
         <p>{signature_h}</p></body></html>",
        lang = locale.as_str(),
        subject_h = escape_html(&subject),
        greeting_h = escape_html(greeting),
        body_h = escape_html(&body),
        link_h = escape_html(link),
        action_h = escape_html(&action),
        ignore_h = escape_html(&ignore),
        signature_h = escape_html(&signature),
    );
    Message {
        subject,
        text,
        html,
    }
}

pub fn escape_html(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
