//! Mail texts per message and language, from the same translation files as
//! the pages. Each message has a subject, a plain-text and an HTML body.
use crate::{i18n::*, organisations::Role};
use leptos_i18n::{Locale as _, td_string};

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
        attachments: Vec::new(),
    }
}

/// The `Content-ID` of the QR code image inside ticket mails.
pub const TICKET_QR_CID: &str = "ticket-qr@jobfair";

/// Why a ticket mail is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketMailKind {
    Confirmed,
    Promoted,
    Changed,
    SentAgain,
}

pub struct TicketMail<'a> {
    pub name: &'a str,
    pub fair: &'a str,
    /// The time slot.
    pub when: &'a str,
    pub venue: &'a str,
    pub address: &'a str,
    pub short_code: &'a str,
    pub link: &'a str,
    pub kind: TicketMailKind,
}

pub fn ticket_code_label(locale: Locale) -> String {
    td_string!(locale, mail.ticket_code).to_string()
}

pub fn ticket_qr_alt(locale: Locale, fair: &str) -> String {
    td_string!(locale, mail.ticket_qr_alt, fair = fair).to_string()
}

/// The ticket: QR code inline (the caller attaches the PNG under
/// [`TICKET_QR_CID`]), short code, slot, venue and the personal link.
pub fn ticket_mail(locale: Locale, m: &TicketMail<'_>) -> Message {
    let greeting = td_string!(locale, mail.greeting, name = m.name).to_string();
    let intro = match m.kind {
        TicketMailKind::Confirmed => {
            td_string!(locale, mail.ticket_confirmed, fair = m.fair).to_string()
        }
        TicketMailKind::Promoted => {
            td_string!(locale, mail.ticket_promoted, fair = m.fair).to_string()
        }
        TicketMailKind::Changed => {
            td_string!(locale, mail.ticket_changed, fair = m.fair).to_string()
        }
        TicketMailKind::SentAgain => {
            td_string!(locale, mail.ticket_again, fair = m.fair).to_string()
        }
    };
    let subject = td_string!(locale, mail.ticket_subject, fair = m.fair).to_string();
    let slot_label = td_string!(locale, mail.ticket_slot).to_string();
    let venue_label = td_string!(locale, mail.ticket_venue).to_string();
    let code_label = ticket_code_label(locale);
    let show = td_string!(locale, mail.ticket_show).to_string();
    let action = td_string!(locale, mail.ticket_action).to_string();
    let manage = td_string!(locale, mail.ticket_manage).to_string();
    let signature = td_string!(locale, mail.signature).to_string();
    let alt = ticket_qr_alt(locale, m.fair);
    let text = format!(
        "{greeting}\n\n{intro}\n\n{slot_label}: {when}\n{venue_label}: {venue}, {address}\n{code_label}: {code}\n\n\
         {show}\n\n{manage}\n{link}\n\n{signature}\n",
        when = m.when,
        venue = m.venue,
        address = m.address,
        code = m.short_code,
        link = m.link,
    );
    let h = escape_html;
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{subject}</title></head>\
         <body style=\"font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a\">\
         <p>{greeting}</p><p>{intro}</p>\
         <p><img src=\"cid:{cid}\" alt=\"{alt}\" width=\"240\" height=\"240\" style=\"display:block;width:240px;height:240px\"></p>\
         <p style=\"font-size:22px;letter-spacing:2px\"><strong>{code}</strong></p>\
         <table role=\"presentation\" style=\"border-collapse:collapse\"><tr><th scope=\"row\" style=\"text-align:left;padding-right:12px\">{slot_label}</th><td>{when}</td></tr>\
         <tr><th scope=\"row\" style=\"text-align:left;padding-right:12px\">{venue_label}</th><td>{venue}, {address}</td></tr>\
         <tr><th scope=\"row\" style=\"text-align:left;padding-right:12px\">{code_label}</th><td>{code}</td></tr></table>\
         <p>{show}</p>\
         <p><a href=\"{link}\" style=\"display:inline-block;background:#0b57d0;color:#ffffff;padding:12px 20px;\
         border-radius:6px;text-decoration:none;font-weight:bold\">{action}</a></p>\
         <p style=\"font-size:14px;color:#444444\">{manage}<br>{link}</p><p>{signature}</p></body></html>",
        lang = locale.as_str(),
        subject = h(&subject),
        greeting = h(&greeting),
        intro = h(&intro),
        cid = TICKET_QR_CID,
        alt = h(&alt),
        code = h(m.short_code),
        slot_label = h(&slot_label),
        when = h(m.when),
        venue_label = h(&venue_label),
        venue = h(m.venue),
        address = h(m.address),
        code_label = h(&code_label),
        show = h(&show),
        link = h(m.link),
        action = h(&action),
        manage = h(&manage),
        signature = h(&signature),
    );
    Message {
        subject,
        text,
        html,
        attachments: Vec::new(),
    }
}

/// A place on the waitlist, with its position and the personal link.
pub fn waitlist_mail(
    locale: Locale,
    name: &str,
    fair: &str,
    when: &str,
    position: i64,
    link: &str,
) -> Message {
    compose(
        td_string!(locale, mail.waitlist_subject, fair = fair).to_string(),
        &td_string!(locale, mail.greeting, name = name).to_string(),
        td_string!(
            locale,
            mail.waitlist_body,
            fair = fair,
            when = when,
            position = position
        )
        .to_string(),
        td_string!(locale, mail.waitlist_action).to_string(),
        link,
        locale,
    )
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

/// A step of a booth booking, as mailed to the employer or the organisers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingStep {
    /// Requested and held; to the employer.
    Requested,
    /// Requested and held; to the organisers, who decide.
    RequestReceived,
    Confirmed,
    Rejected,
    Cancelled,
    Expired,
}

/// What a booking mail says.
pub struct BookingMail<'a> {
    pub step: BookingStep,
    pub fair: &'a str,
    pub booth: &'a str,
    pub employer: &'a str,
    /// Until when the booth is held (venue time).
    pub until: &'a str,
    pub number: &'a str,
    /// The organiser's message with a rejection.
    pub message: &'a str,
    pub link: &'a str,
}

pub fn booking_mail(locale: Locale, mail: &BookingMail<'_>) -> Message {
    let (fair, booth, employer) = (mail.fair, mail.booth, mail.employer);
    let (subject, body) = match mail.step {
        BookingStep::Requested | BookingStep::RequestReceived => (
            td_string!(
                locale,
                mail.booking_requested_subject,
                booth = booth,
                fair = fair
            )
            .to_string(),
            if mail.step == BookingStep::Requested {
                td_string!(
                    locale,
                    mail.booking_requested_employer,
                    employer = employer,
                    booth = booth,
                    fair = fair,
                    until = mail.until
                )
                .to_string()
            } else {
                td_string!(
                    locale,
                    mail.booking_requested_organiser,
                    employer = employer,
                    booth = booth,
                    fair = fair,
                    until = mail.until
                )
                .to_string()
            },
        ),
        BookingStep::Confirmed => (
            td_string!(
                locale,
                mail.booking_confirmed_subject,
                booth = booth,
                fair = fair
            )
            .to_string(),
            td_string!(
                locale,
                mail.booking_confirmed_body,
                booth = booth,
                fair = fair,
                employer = employer,
                number = mail.number
            )
            .to_string(),
        ),
        BookingStep::Rejected => (
            td_string!(locale, mail.booking_rejected_subject, fair = fair).to_string(),
            td_string!(
                locale,
                mail.booking_rejected_body,
                employer = employer,
                booth = booth,
                fair = fair,
                message = mail.message
            )
            .to_string(),
        ),
        BookingStep::Cancelled => (
            td_string!(
                locale,
                mail.booking_cancelled_subject,
                booth = booth,
                fair = fair
            )
            .to_string(),
            td_string!(
                locale,
                mail.booking_cancelled_body,
                employer = employer,
                booth = booth,
                fair = fair
            )
            .to_string(),
        ),
        BookingStep::Expired => (
            td_string!(
                locale,
                mail.booking_expired_subject,
                booth = booth,
                fair = fair
            )
            .to_string(),
            td_string!(
                locale,
                mail.booking_expired_body,
                booth = booth,
                fair = fair,
                employer = employer
            )
            .to_string(),
        ),
    };
    compose(
        subject,
        td_string!(locale, mail.greeting_plain),
        body,
        td_string!(locale, mail.booking_action).to_string(),
        mail.link,
        locale,
    )
}
