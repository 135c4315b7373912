//! The one layout every mail uses: greeting, the message's blocks, the
//! signature, and an optional footer, as plain text and as HTML (inline
//! styles, as mail clients need) in the mail's language.
use super::templates::Message;
use crate::i18n::Locale;
use leptos_i18n::{Locale as _, td_string};

/// A part of a mail's body.
pub enum Block<'a> {
    /// A paragraph.
    Text(String),
    /// The main link: a button in HTML, then the link itself in small print
    /// (after `lead` when given), for clients that hide buttons.
    Action {
        label: String,
        link: &'a str,
        lead: Option<String>,
    },
    /// Small print, e.g. a hint.
    Note(String),
    /// An inline image (attached under `cid`); HTML only.
    Image {
        cid: &'a str,
        alt: String,
        size: u32,
    },
    /// A short code shown large; HTML only (the facts carry it in text).
    Code(&'a str),
    /// Label–value pairs.
    Facts(Vec<(String, String)>),
}

/// A mail before rendering.
pub struct Mail<'a> {
    pub locale: Locale,
    pub subject: String,
    pub greeting: String,
    pub blocks: Vec<Block<'a>>,
    /// Small print after the signature with its link (e.g. unsubscribe).
    pub footer: Option<(String, &'a str)>,
}

const BODY_STYLE: &str =
    "font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a";
const BUTTON_STYLE: &str = "display:inline-block;background:#0b57d0;color:#ffffff;padding:12px 20px;\
     border-radius:6px;text-decoration:none;font-weight:bold";
const SMALL_STYLE: &str = "font-size:14px;color:#444444";
const FOOTER_STYLE: &str = "font-size:13px;color:#444444";

/// Renders the mail as text and HTML.
pub fn render(mail: Mail<'_>) -> Message {
    let h = escape_html;
    let signature = td_string!(mail.locale, mail.signature).to_string();
    let mut text = vec![mail.greeting.clone()];
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{subject}</title></head>\
         <body style=\"{BODY_STYLE}\"><p>{greeting}</p>",
        lang = mail.locale.as_str(),
        dir = mail.locale.direction().as_str(),
        subject = h(&mail.subject),
        greeting = h(&mail.greeting),
    );
    for block in &mail.blocks {
        match block {
            Block::Text(paragraph) => {
                text.push(paragraph.clone());
                html.push_str(&format!("<p>{}</p>", h(paragraph)));
            }
            Block::Action { label, link, lead } => {
                html.push_str(&format!(
                    "<p><a href=\"{link}\" style=\"{BUTTON_STYLE}\">{label}</a></p>",
                    link = h(link),
                    label = h(label)
                ));
                match lead {
                    Some(lead) => {
                        text.push(format!("{lead}\n{link}"));
                        html.push_str(&format!(
                            "<p style=\"{SMALL_STYLE}\">{}<br>{}</p>",
                            h(lead),
                            h(link)
                        ));
                    }
                    None => {
                        text.push((*link).to_owned());
                        html.push_str(&format!("<p style=\"{SMALL_STYLE}\">{}</p>", h(link)));
                    }
                }
            }
            Block::Note(note) => {
                text.push(note.clone());
                html.push_str(&format!("<p style=\"{SMALL_STYLE}\">{}</p>", h(note)));
            }
            Block::Image { cid, alt, size } => html.push_str(&format!(
                "<p><img src=\"cid:{cid}\" alt=\"{alt}\" width=\"{size}\" height=\"{size}\" \
                 style=\"display:block;width:{size}px;height:{size}px\"></p>",
                alt = h(alt)
            )),
            Block::Code(code) => html.push_str(&format!(
                "<p style=\"font-size:22px;letter-spacing:2px\"><strong>{}</strong></p>",
                h(code)
            )),
            Block::Facts(facts) => {
                text.push(
                    facts
                        .iter()
                        .map(|(label, value)| format!("{label}: {value}"))
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
                // Physical sides: mail clients know few logical properties.
                let (start, end) = match mail.locale.direction() {
                    leptos_i18n::Direction::RightToLeft => ("right", "left"),
                    _ => ("left", "right"),
                };
                html.push_str("<table role=\"presentation\" style=\"border-collapse:collapse\">");
                for (label, value) in facts {
                    html.push_str(&format!(
                        "<tr><th scope=\"row\" style=\"text-align:{start};padding-{end}:12px\">{}</th><td>{}</td></tr>",
                        h(label),
                        h(value)
                    ));
                }
                html.push_str("</table>");
            }
        }
    }
    text.push(signature.clone());
    html.push_str(&format!("<p>{}</p>", h(&signature)));
    let mut text = text.join("\n\n");
    text.push('\n');
    if let Some((note, link)) = &mail.footer {
        text.push_str(&format!("\n{note}\n{link}\n"));
        html.push_str(&format!(
            "<p style=\"{FOOTER_STYLE}\">{} <a href=\"{link}\" style=\"color:#444444\">{link}</a></p>",
            h(note),
            link = h(link)
        ));
    }
    html.push_str("</body></html>");
    Message {
        subject: mail.subject,
        text,
        html,
        attachments: Vec::new(),
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
