//! Delivery: sent once with headers and both parts, retried with
//! backoff, nothing lost when a worker dies, never sent twice.
use super::common::*;

async fn queued_mails_are_sent_once_with_headers_and_both_parts(db: TestDb) {
    let sink = SmtpSink::start().await;
    let clock = ManualClock::at(START);
    queue(&db, 2, Some("Jobcenter Kassel")).await;
    let mailer = mailer(&sink);
    let report = pass(&db, &clock, &mailer).await;
    assert_eq!(report.sent, 2);
    let received = sink.received();
    assert_eq!(received.len(), 2);
    let first = received
        .iter()
        .find(|m| m.rcpt_to == ["<person0@example.org>"])
        .unwrap_or_else(|| panic!("no mail for person0"));
    assert_eq!(first.mail_from, "<einladung@jobfair.example>");
    let from = first.header("From").unwrap_or_default();
    assert!(from.contains("einladung@jobfair.example"), "{from}");
    assert!(
        from.contains("Jobcenter Kassel · Jobfair"),
        "sender name of the organisation: {from}"
    );
    assert_eq!(
        first.header("Subject").as_deref(),
        Some("Einladung zur Jobmesse Nr. 0")
    );
    assert_eq!(
        first.header("Reply-To").as_deref(),
        Some("team@jobcenter.example")
    );
    assert!(first.header("Subject").is_some_and(|s| !s.is_empty()));
    assert!(
        first
            .header("Message-ID")
            .is_some_and(|id| id.ends_with("@jobfair.example>"))
    );
    assert!(
        first
            .header("Content-Type")
            .is_some_and(|t| t.starts_with("multipart/alternative"))
    );
    let decoded = first.decoded();
    assert!(
        decoded.contains("Content-Type: text/plain; charset=utf-8"),
        "{decoded}"
    );
    assert!(decoded.contains("Content-Type: text/html; charset=utf-8"));
    assert!(
        decoded.contains("https://jobfair.example/r/token-0-abcdefghijklmnopqrstuvwxyz0123456789"),
        "the personal link, whole"
    );
    assert!(decoded.contains("Ihr persönlicher Link"));
    assert!(
        statuses(&db)
            .await
            .iter()
            .all(|(s, a, _)| s == "sent" && *a == 1)
    );
    // Nothing is due any more: a second pass sends nothing.
    clock.advance(3600);
    assert_eq!(pass(&db, &clock, &mailer).await.claimed(), 0);
    assert_eq!(sink.received().len(), 2);
}

async fn temporary_failures_are_retried_with_backoff_and_permanent_ones_kept(db: TestDb) {
    let sink = SmtpSink::start().await;
    let clock = ManualClock::at(START);
    queue(&db, 1, None).await;
    let mailer = mailer(&sink);
    sink.answer_with(Answer::Temporary);
    assert_eq!(pass(&db, &clock, &mailer).await.retried, 1);
    let (status, attempts, error) = statuses(&db).await.remove(0);
    assert_eq!((status.as_str(), attempts), ("queued", 1));
    assert!(error.unwrap_or_default().contains("451"));
    clock.advance(29);
    assert_eq!(
        pass(&db, &clock, &mailer).await.claimed(),
        0,
        "not before the backoff ends"
    );
    clock.advance(1);
    sink.answer_with(Answer::Accept);
    assert_eq!(pass(&db, &clock, &mailer).await.sent, 1);
    assert_eq!(statuses(&db).await[0].0, "sent");
    assert_eq!(sink.received().len(), 1);

    // A permanent refusal is not retried; the error stays for the organiser.
    queue_one(&db, "test:permanent").await;
    sink.answer_with(Answer::Permanent);
    assert_eq!(pass(&db, &clock, &mailer).await.failed, 1);
    let (status, _, error) = statuses(&db).await.remove(1);
    assert_eq!(status, "failed");
    assert!(error.unwrap_or_default().contains("550"));

    // Temporary failures end as failed after the last attempt.
    queue_one(&db, "test:flaky").await;
    sink.answer_with(Answer::Temporary);
    for _ in 0..3 {
        pass(&db, &clock, &mailer).await;
        clock.advance(3600);
    }
    let (status, attempts, _) = statuses(&db).await.remove(2);
    assert_eq!((status.as_str(), attempts), ("failed", 3));
}

async fn a_worker_that_dies_mid_send_loses_nothing(db: TestDb) {
    let sink = SmtpSink::start().await;
    let clock = ManualClock::at(START);
    queue(&db, 5, None).await;
    // A worker claims the mails and dies before sending any.
    let claimed = outbox::claim_due(&db, START, START + 300, 50)
        .await
        .unwrap_or_default();
    assert_eq!(claimed.len(), 5);
    let mailer = mailer(&sink);
    assert_eq!(
        pass(&db, &clock, &mailer).await.claimed(),
        0,
        "the lease is respected"
    );
    clock.advance(300);
    assert_eq!(
        pass(&db, &clock, &mailer).await.sent,
        5,
        "taken over after the lease"
    );
    let received = sink.received();
    let mut ids: Vec<String> = received
        .iter()
        .filter_map(|m| m.header("Message-ID"))
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5);
}

async fn concurrent_workers_never_send_a_mail_twice(db: TestDb) {
    let sink = SmtpSink::start().await;
    queue(&db, 60, None).await;
    let db = std::sync::Arc::new(db);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let (db, sink) = (db.clone(), sink.clone());
            tokio::spawn(async move {
                let clock = ManualClock::at(START);
                let mailer = mailer(&sink);
                let small = DeliverySettings {
                    batch: 7,
                    ..settings()
                };
                let pace = Pace::per_minute(small.per_minute);
                let mut sent = 0;
                loop {
                    let report = delivery::deliver_due(&db, &clock, &mailer, &small, &pace)
                        .await
                        .unwrap_or_else(|e| panic!("{e}"));
                    if report.claimed() == 0 {
                        break sent;
                    }
                    sent += report.sent;
                }
            })
        })
        .collect();
    let mut total = 0;
    for worker in workers {
        total += worker.await.unwrap_or_default();
    }
    assert_eq!(total, 60);
    let received = sink.received();
    assert_eq!(received.len(), 60, "every mail once");
    let mut recipients: Vec<String> = received.iter().flat_map(|m| m.rcpt_to.clone()).collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), 60, "no mail twice");
}

app::on_both_databases!(
    queued_mails_are_sent_once_with_headers_and_both_parts,
    temporary_failures_are_retried_with_backoff_and_permanent_ones_kept,
    a_worker_that_dies_mid_send_loses_nothing,
    concurrent_workers_never_send_a_mail_twice,
);
