//! The ticket mail as a mail client receives it over SMTP.
use crate::support::*;
use app::db::Backend;
use server::settings::Settings;

/// The parts of a received mail, depth first: content type (with its
/// parameters), `Content-ID`, filename, decoded body.
fn mime_parts(mail: &mailparse::ParsedMail<'_>, out: &mut Vec<(String, String, String, Vec<u8>)>) {
    let header = |name: &str| {
        mail.headers
            .iter()
            .find(|h| h.get_key().eq_ignore_ascii_case(name))
            .map(|h| h.get_value())
            .unwrap_or_default()
    };
    let filename = mail
        .get_content_disposition()
        .params
        .get("filename")
        .cloned()
        .unwrap_or_default();
    out.push((
        mail.ctype.mimetype.clone(),
        header("Content-ID"),
        filename,
        mail.get_body_raw().unwrap_or_default(),
    ));
    for part in &mail.subparts {
        mime_parts(part, out);
    }
}

/// The text of the QR code in a PNG, read as a scanner reads it.
fn decode_qr_png(bytes: &[u8]) -> String {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap_or_else(|e| panic!("png: {e}"));
    let mut pixels = vec![0; reader.output_buffer_size()];
    let frame = reader
        .next_frame(&mut pixels)
        .unwrap_or_else(|e| panic!("png: {e}"));
    let (width, height) = (frame.width as usize, frame.height as usize);
    let per_pixel = frame.line_size / width;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
        pixels[y * frame.line_size + x * per_pixel]
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the picture");
    grids[0]
        .decode()
        .map(|(_, text)| text)
        .unwrap_or_else(|e| panic!("QR code unreadable: {e:?}"))
}

/// A ticket mail as a mail client receives it over SMTP: plain text and
/// HTML, the QR code inline as PNG (readable, and genuine by the fair's
/// published key), the calendar file attached.
async fn ticket_mail_arrives_over_smtp(backend: Backend) {
    let sink = app::mail::testing::SmtpSink::start().await;
    let settings = Settings {
        smtp_url: Some(sink.url().into()),
        mail_from: "messe@jobfair.example".into(),
        ..Settings::default()
    };
    let app = spawn_app_with(backend, settings).await;
    app.seed_demo().await;
    let fair_id = app.fair_id("flughafen-frankfurt").await;
    let slot = app.open_slot("flughafen-frankfurt").await;
    let answer = app
        .register(
            &Registration::new(
                "flughafen-frankfurt",
                slot,
                "Lea Brandt",
                "lea.brandt@example.org",
            )
            .in_language("en"),
        )
        .await;
    assert!(answer.contains("\"Ticket\""), "{answer}");

    let received = received_mails(&sink, 1).await;
    assert_eq!(received.len(), 1, "one mail, sent once");
    let mail = &received[0];
    assert_eq!(mail.rcpt_to, vec!["<lea.brandt@example.org>"]);
    assert!(
        mail.header("Subject")
            .unwrap_or_default()
            .starts_with("Your ticket:"),
        "in the language chosen in the form"
    );
    let parsed =
        mailparse::parse_mail(mail.data.as_bytes()).unwrap_or_else(|e| panic!("MIME: {e}"));
    let mut parts = Vec::new();
    mime_parts(&parsed, &mut parts);
    let types: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(
        types,
        [
            "multipart/mixed",
            "multipart/related",
            "multipart/alternative",
            "text/plain",
            "text/html",
            "image/png",
            "text/calendar",
        ]
    );
    let text = String::from_utf8_lossy(&parts[3].3).to_string();
    let html = String::from_utf8_lossy(&parts[4].3).to_string();
    assert!(html.contains("src=\"cid:ticket-qr@jobfair\""), "{html}");
    let (_, content_id, filename, png) = &parts[5];
    assert_eq!(content_id, "<ticket-qr@jobfair>");
    assert_eq!(filename, "ticket-qr.png");
    // Unfolded: calendar lines longer than 75 bytes continue after CRLF + space.
    let calendar = String::from_utf8_lossy(&parts[6].3).replace("\r\n ", "");
    assert_eq!(parts[6].2, "ticket.ics");
    assert!(calendar.contains("BEGIN:VEVENT"), "{calendar}");

    // The QR code a mail client shows is the ticket: genuine by the key the
    // fair publishes for scanners, and the same code as on the ticket page.
    let payload = decode_qr_png(png);
    let keys: Vec<ticket::PublishedKey> = app
        .get("/fairs/flughafen-frankfurt/ticket-keys.json", None)
        .await
        .json()
        .await
        .unwrap_or_default();
    let unchecked =
        ticket::read_unverified(&payload).unwrap_or_else(|| panic!("not a ticket: {payload}"));
    let claims = ticket::TicketVerifier::new(fair_id as u32, &keys)
        .verify(&payload, i64::from(unchecked.valid_from) + 60, |_| false)
        .unwrap_or_else(|r| panic!("the mailed ticket is refused: {r:?}"));
    assert_eq!(i64::from(claims.slot_id), slot);
    let link_start = text
        .find("/tickets/")
        .unwrap_or_else(|| panic!("no personal link: {text}"));
    let link: String = text[link_start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert!(calendar.contains(&link), "the calendar links the ticket");
    let page = body(app.get(&link, None).await).await;
    let short_code = page
        .split("data-testid=\"short-code\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(short_code.len(), 9, "{short_code}");
    assert!(text.contains(&short_code), "the mail has the short code");
    assert!(calendar.contains(&short_code));
}

crate::on_both_databases!(ticket_mail_arrives_over_smtp);
