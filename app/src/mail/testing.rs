//! A real SMTP server on loopback for tests: it speaks enough SMTP for
//! lettre (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and keeps every message
//! it accepts. It can refuse with a temporary or permanent error.
use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
};

#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// Headers and body as sent, dot-unstuffed, CRLF line ends.
    pub data: String,
}

impl ReceivedMail {
    /// The value of the first header with this name, unfolded and with
    /// RFC 2047 encoded words (`=?utf-8?b?…?=`) decoded.
    pub fn header(&self, name: &str) -> Option<String> {
        self.raw_header(name).map(|v| decode_words(&v))
    }

    fn raw_header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next()?;
        let mut value: Option<String> = None;
        for line in head.split("\r\n") {
            if let Some(v) = value.as_mut() {
                if line.starts_with(' ') || line.starts_with('\t') {
                    v.push(' ');
                    v.push_str(line.trim_start());
                    continue;
                }
                break;
            }
            if let Some((key, rest)) = line.split_once(':') {
                if key.eq_ignore_ascii_case(name) {
                    value = Some(rest.trim().to_owned());
                }
            }
        }
        value
    }

    /// The whole message with quoted-printable soft line breaks and `=XX`
    /// escapes decoded, so links and texts can be searched.
    pub fn decoded(&self) -> String {
        let joined = self.data.replace("=\r\n", "");
        let bytes = joined.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'=' && i + 2 < bytes.len() {
                if let Ok(byte) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                    out.push(byte);
                    i += 3;
                    continue;
                }
            }
            out.push(bytes[i]);
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// Decodes base64 and Q encoded words; adjacent encoded words join.
fn decode_words(value: &str) -> String {
    use base64::Engine as _;
    let mut out = String::new();
    let mut rest = value;
    let mut last_was_word = false;
    while let Some(start) = rest.find("=?") {
        let between = &rest[..start];
        if !(last_was_word && between.trim().is_empty()) {
            out.push_str(between);
        }
        let word = &rest[start + 2..];
        let parts: Vec<&str> = word.splitn(3, '?').collect();
        let Some(end) = parts.get(2).and_then(|p| p.find("?=")) else {
            out.push_str(&rest[start..]);
            return out;
        };
        let (encoding, text) = (parts[1], &parts[2][..end]);
        let bytes = if encoding.eq_ignore_ascii_case("b") {
            base64::engine::general_purpose::STANDARD
                .decode(text)
                .unwrap_or_default()
        } else {
            ReceivedMail {
                mail_from: String::new(),
                rcpt_to: Vec::new(),
                data: text.replace('_', " "),
            }
            .decoded()
            .into_bytes()
        };
        out.push_str(&String::from_utf8_lossy(&bytes));
        let consumed = start + 2 + parts[0].len() + 1 + parts[1].len() + 1 + end + 2;
        rest = &rest[consumed..];
        last_was_word = true;
    }
    out.push_str(rest);
    out
}

/// How the sink answers `RCPT TO`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accept,
    /// 451: try again later.
    Temporary,
    /// 550: no such mailbox.
    Permanent,
}

#[derive(Clone)]
pub struct SmtpSink {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<ReceivedMail>>>,
    answer: Arc<Mutex<Answer>>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        Self::start_on("127.0.0.1:0").await
    }

    /// Listens on a given address, e.g. `127.0.0.1:2525`.
    pub async fn start_on(address: &str) -> SmtpSink {
        let listener = match TcpListener::bind(address).await {
            Ok(l) => l,
            Err(e) => panic!("cannot start the SMTP sink: {e}"),
        };
        let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
        let sink = SmtpSink {
            addr,
            received: Arc::default(),
            answer: Arc::new(Mutex::new(Answer::Accept)),
        };
        let server = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let server = server.clone();
                tokio::spawn(async move {
                    let _ = server.session(stream).await;
                });
            }
        });
        sink
    }

    /// `smtp://127.0.0.1:port` for [`super::delivery::SmtpMailer::from_url`].
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    pub fn answer_with(&self, answer: Answer) {
        if let Ok(mut a) = self.answer.lock() {
            *a = answer;
        }
    }

    pub fn received(&self) -> Vec<ReceivedMail> {
        self.received.lock().map(|r| r.clone()).unwrap_or_default()
    }

    async fn session(&self, stream: TcpStream) -> std::io::Result<()> {
        // Answer at once: with Nagle's algorithm on both ends every reply
        // would wait for a delayed acknowledgement (about 40 ms).
        stream.set_nodelay(true)?;
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read).lines();
        write.write_all(b"220 jobfair-test-sink ESMTP\r\n").await?;
        let mut mail_from = String::new();
        let mut rcpt_to = Vec::new();
        while let Some(line) = lines.next_line().await? {
            let upper = line.to_ascii_uppercase();
            let reply: &[u8] = if upper.starts_with("EHLO") {
                b"250-jobfair-test-sink\r\n250 8BITMIME\r\n"
            } else if upper.starts_with("HELO") || upper.starts_with("NOOP") {
                b"250 OK\r\n"
            } else if upper.starts_with("RSET") {
                mail_from.clear();
                rcpt_to.clear();
                b"250 OK\r\n"
            } else if upper.starts_with("MAIL FROM:") {
                mail_from = line[10..].trim().to_owned();
                b"250 OK\r\n"
            } else if upper.starts_with("RCPT TO:") {
                let answer = self.answer.lock().map(|a| *a).unwrap_or(Answer::Accept);
                match answer {
                    Answer::Accept => {
                        rcpt_to.push(line[8..].trim().to_owned());
                        b"250 OK\r\n"
                    }
                    Answer::Temporary => b"451 4.3.0 try again later\r\n",
                    Answer::Permanent => b"550 5.1.1 no such mailbox\r\n",
                }
            } else if upper.starts_with("DATA") {
                write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
                let mut data = String::new();
                while let Some(line) = lines.next_line().await? {
                    if line == "." {
                        break;
                    }
                    data.push_str(
                        line.strip_prefix('.')
                            .filter(|_| line.starts_with(".."))
                            .unwrap_or(&line),
                    );
                    data.push_str("\r\n");
                }
                if let Ok(mut received) = self.received.lock() {
                    received.push(ReceivedMail {
                        mail_from: std::mem::take(&mut mail_from),
                        rcpt_to: std::mem::take(&mut rcpt_to),
                        data,
                    });
                }
                b"250 OK queued\r\n"
            } else if upper.starts_with("QUIT") {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            } else {
                b"502 command not implemented\r\n"
            };
            write.write_all(reply).await?;
        }
        Ok(())
    }
}
