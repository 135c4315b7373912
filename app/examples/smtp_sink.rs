//! A stand-alone SMTP server that accepts every mail and forgets it, for the
//! browser tests (`scripts/test.sh` starts it on 127.0.0.1:2525).
use app::mail::testing::SmtpSink;

#[tokio::main]
async fn main() {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:2525".into());
    let sink = SmtpSink::start_on(&address).await;
    println!("SMTP sink listening on {}", sink.addr);
    loop {
        tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
    }
}
