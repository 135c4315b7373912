//! Invitations over HTTP: a colleague's invitation delivered over SMTP, a
//! jobseeker's invitation with its one-click and by-page unsubscribe.
use crate::support::*;
use app::db::Backend;
use reqwest::StatusCode;
use server::settings::Settings;

async fn invitation_mail_arrives_over_smtp(backend: Backend) {
    let sink = app::mail::testing::SmtpSink::start().await;
    let settings = Settings {
        smtp_url: Some(sink.url().into()),
        mail_from: "messe@jobfair.example".into(),
        ..Settings::default()
    };
    let app = spawn_app_with(backend, settings).await;
    app.seed_demo().await;
    let owner = app.sign_in("organisator@jobfair.demo").await;
    let invited = app
        .invite_member(1, "neu@jobcenter.example", "organiser", Some(&owner))
        .await;
    assert!(invited.status().is_success(), "{}", invited.status());
    // The worker picks the mail from the outbox within a second or two.
    let received = received_mails(&sink, 1).await;
    assert_eq!(received.len(), 1, "one mail, sent once");
    let mail = &received[0];
    assert_eq!(mail.rcpt_to, vec!["<neu@jobcenter.example>"]);
    let from = mail.header("From").unwrap_or_default();
    assert!(
        from.contains("Agentur für Arbeit Frankfurt am Main · Jobfair"),
        "{from}"
    );
    assert!(from.contains("<messe@jobfair.example>"), "{from}");
    assert_eq!(
        mail.header("Reply-To").as_deref(),
        Some("organisator@jobfair.demo")
    );
    assert!(
        mail.header("Subject")
            .unwrap_or_default()
            .starts_with("Einladung zu Agentur für Arbeit")
    );
    let decoded = mail.decoded();
    let link_start = decoded
        .find("/invite/")
        .unwrap_or_else(|| panic!("no personal link: {decoded}"));
    let token: String = decoded[link_start + 8..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    assert!(token.len() >= 20, "{token}");
    let page = body(app.get(&format!("/invite/{token}"), None).await).await;
    assert!(
        page.contains("Agentur für Arbeit Frankfurt am Main"),
        "the link opens the invitation"
    );
    // The worker records "sent" right after the SMTP server accepted the
    // mail, which can be a moment after the sink has it.
    let mut statuses = Vec::new();
    for _ in 0..50 {
        statuses = app
            .mails_to("neu@jobcenter.example")
            .await
            .into_iter()
            .map(|m| m.status)
            .collect::<Vec<_>>();
        if statuses != ["sending"] {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(statuses, ["sent"]);
}

#[tokio::test]
async fn invitation_links_unsubscribe_with_one_click_and_by_page() {
    let app = spawn_app(Backend::Sqlite).await;
    app.seed_demo().await;
    let organiser = app.sign_in("organisator@jobfair.demo").await;
    let sent = app
        .invite_jobseeker(1, "Jan Weber", "jan@example.org", &organiser)
        .await;
    assert!(sent.status().is_success(), "{}", sent.status());
    let mail = app.mails_to("jan@example.org").await;
    let text = &mail[0].body_text;
    assert!(
        text.contains("/fairs/flughafen-frankfurt/register?invite="),
        "{text}"
    );
    let path = text
        .split_whitespace()
        .find(|w| w.contains("/unsubscribe/"))
        .and_then(|link| link.find("/unsubscribe/").map(|i| link[i..].to_owned()))
        .unwrap_or_default();
    let page = body(app.get(&path, None).await).await;
    assert!(
        page.contains("Keine Einladungen mehr"),
        "the link opens a page"
    );
    let one_click = app
        .post_form(&path, &[("List-Unsubscribe", "One-Click")], None)
        .await;
    assert_eq!(one_click.status(), StatusCode::OK);
    assert_eq!(
        app.post_form(
            "/unsubscribe/falsch",
            &[("List-Unsubscribe", "One-Click")],
            None
        )
        .await
        .status(),
        StatusCode::NOT_FOUND
    );
    let again = body(
        app.invite_jobseeker(2, "Jan Weber", "jan@example.org", &organiser)
            .await,
    )
    .await;
    assert!(
        again.contains("InUse"),
        "an unsubscribed address is not invited again: {again}"
    );
    let employer = app.sign_in("arbeitgeber@jobfair.demo").await;
    let forbidden = app
        .call("invitations/view", &[("fair_id", "1")], Some(&employer))
        .await;
    assert!(forbidden.contains("Forbidden"), "{forbidden}");
}

crate::on_both_databases!(invitation_mail_arrives_over_smtp);
