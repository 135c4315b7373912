//! A stand-alone SMTP server for the browser tests (`scripts/test.sh` starts
//! it on 127.0.0.1:2525): it accepts every mail and keeps it, and lets the
//! tests read a person's inbox over HTTP (second argument, default
//! 127.0.0.1:2526): `GET /inbox?to=<address>` answers the decoded mails to
//! that address, newest first, separated by a line of 20 `=`; 404 when there
//! are none yet.
use app::mail::testing::SmtpSink;
use axum::{
    Router,
    extract::{Query, State},
    http::StatusCode,
    routing::get,
};
use std::collections::HashMap;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let smtp_address = args.next().unwrap_or_else(|| "127.0.0.1:2525".into());
    let inbox_address = args.next().unwrap_or_else(|| "127.0.0.1:2526".into());
    let sink = SmtpSink::start_on(&smtp_address).await;
    let listener = match tokio::net::TcpListener::bind(&inbox_address).await {
        Ok(listener) => listener,
        Err(e) => panic!("cannot serve the inboxes on {inbox_address}: {e}"),
    };
    println!(
        "SMTP sink listening on {} (inboxes on http://{inbox_address})",
        sink.addr
    );
    let app = Router::new().route("/inbox", get(inbox)).with_state(sink);
    if let Err(e) = axum::serve(listener, app).await {
        panic!("the inbox server stopped: {e}");
    }
}

async fn inbox(
    State(sink): State<SmtpSink>,
    Query(query): Query<HashMap<String, String>>,
) -> (StatusCode, String) {
    let to = query
        .get("to")
        .map(|a| a.to_lowercase())
        .unwrap_or_default();
    let mails: Vec<String> = sink
        .received()
        .iter()
        .rev()
        .filter(|mail| {
            mail.rcpt_to
                .iter()
                .any(|r| r.trim_matches(['<', '>']).to_lowercase() == to)
        })
        .map(|mail| mail.decoded())
        .collect();
    if mails.is_empty() {
        (StatusCode::NOT_FOUND, format!("no mail to {to} yet"))
    } else {
        (
            StatusCode::OK,
            mails.join(&format!("\n{}\n", "=".repeat(20))),
        )
    }
}
