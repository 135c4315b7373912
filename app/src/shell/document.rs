//! The HTML document the server sends, with a per-response CSP nonce: only
//! the hydration scripts Leptos writes may run inline.
use super::App;
use http::{HeaderValue, header};
use leptos::{
    hydration::{AutoReload, HydrationScripts},
    nonce::{provide_nonce, use_nonce},
    prelude::*,
};
use leptos_meta::MetaTags;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    provide_nonce();
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="de">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

fn set_content_security_policy() {
    let Some(nonce) = use_nonce() else { return };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-{nonce}'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    );
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&policy),
    ) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}
