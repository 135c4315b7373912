//! The mail viewer's pages: the list, and one mail with both parts.
use super::{
    MailSummary,
    api::{list_mail, show_mail},
};
use crate::{i18n::*, parts::error_message, tr};
use leptos::prelude::*;
use leptos_meta::Title;

fn status_text(i18n: leptos_i18n::I18nContext<Locale>, status: &str) -> String {
    match status {
        "sent" => t_string!(i18n, mailbox.status_sent),
        "failed" => t_string!(i18n, mailbox.status_failed),
        "sending" => t_string!(i18n, mailbox.status_sending),
        _ => t_string!(i18n, mailbox.status_queued),
    }
    .to_string()
}

#[component]
pub fn MailListPage() -> impl IntoView {
    let i18n = use_i18n();
    let mails = Resource::new(|| (), |_| list_mail());
    view! {
        <Title text=tr!(i18n, mailbox.title) />
        <section class="page">
            <h1>{t!(i18n, mailbox.title)}</h1>
            <p class="field-hint">{t!(i18n, mailbox.lead)}</p>
            <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || mails.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p>{t!(i18n, mailbox.empty)}</p> }.into_any(),
                    Ok(list) => view! { <MailTable list /> }.into_any(),
                    Err(e) => view! { <p class="form-alert" role="alert">{error_message(i18n, &e)}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn MailTable(list: Vec<MailSummary>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="data-table">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, mailbox.subject)}</th>
                    <th scope="col">{t!(i18n, mailbox.to)}</th>
                    <th scope="col">{t!(i18n, mailbox.status)}</th>
                    <th scope="col">{t!(i18n, mailbox.created)}</th>
                </tr>
            </thead>
            <tbody>
                {list.into_iter().map(|m| view! {
                    <tr>
                        <td><a href=format!("/mail/{}", m.id)>{m.subject}</a></td>
                        <td>{m.recipient}</td>
                        <td>{status_text(i18n, &m.status)}</td>
                        <td>{m.created}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn MailPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = crate::parts::id_param();
    let mail = Resource::new(id, show_mail);
    view! {
        <Title text=tr!(i18n, mailbox.title) />
        <section class="page">
            <p class="breadcrumb"><a href="/mail">{t!(i18n, mailbox.title)}</a></p>
            <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || mail.get().map(|result| match result {
                    Ok(m) => view! {
                        <h1>{m.summary.subject.clone()}</h1>
                        <dl class="facts">
                            <dt>{t!(i18n, mailbox.to)}</dt><dd>{m.summary.recipient.clone()}</dd>
                            <dt>{t!(i18n, mailbox.sender)}</dt><dd>{m.sender_name.clone().unwrap_or_else(|| "Jobfair".into())}</dd>
                            <dt>{t!(i18n, mailbox.reply_to)}</dt><dd>{m.reply_to.clone().unwrap_or_default()}</dd>
                            <dt>{t!(i18n, mailbox.status)}</dt><dd>{status_text(i18n, &m.summary.status)}</dd>
                            <dt>{t!(i18n, mailbox.created)}</dt><dd>{m.summary.created.clone()}</dd>
                            {(!m.attachments.is_empty()).then(|| view! {
                                <dt>{t!(i18n, mailbox.attachments)}</dt><dd>{m.attachments.join(", ")}</dd>
                            })}
                        </dl>
                        {m.last_error.clone().map(|e| view! { <p class="form-alert">{e}</p> })}
                        <h2>{t!(i18n, mailbox.html_part)}</h2>
                        // Sandboxed, and served with its own closed policy: the mail's
                        // HTML runs no script and reaches nothing. A document of its
                        // own (not `srcdoc`) keeps the mail's inline styles.
                        <iframe class="mail-html" sandbox="" title=tr!(i18n, mailbox.html_part) src=format!("/mail/{}/html", m.summary.id)></iframe>
                        <h2>{t!(i18n, mailbox.text_part)}</h2>
                        <pre class="mail-text">{m.body_text.clone()}</pre>
                    }.into_any(),
                    Err(e) => view! {
                        <h1>{t!(i18n, mailbox.title)}</h1>
                        <p class="form-alert" role="alert">{error_message(i18n, &e)}</p>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
