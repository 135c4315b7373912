//! The HTML document the server sends. App pages load the wasm and carry a
//! per-response CSP nonce: only the hydration scripts Leptos writes may run
//! inline. Public pages load no wasm and allow no script but this site's
//! files and Leptos's fixed, empty hydration-data snippets (by hash), so the
//! same bytes serve every visitor and can be cached compressed.
use super::{App, areas::needs_app};
use http::{HeaderValue, header, request::Parts};
use leptos::{
    hydration::{AutoReload, HydrationScripts},
    nonce::{provide_nonce, use_nonce},
    prelude::*,
};
use leptos_meta::{HashedStylesheet, MetaTags};
use std::sync::OnceLock;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let app = use_context::<Parts>().is_some_and(|parts| needs_app(parts.uri.path()));
    if app {
        provide_nonce();
    } else {
        leave_out_hydration_data();
    }
    set_content_security_policy(app);
    view! {
        <!DOCTYPE html>
        // `lang` and `dir` come from the language (leptos_i18n sets them).
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HashedStylesheet options=options.clone() id="leptos" />
                <AutoReload options=options.clone() />
                {app.then(|| view! { <HydrationScripts options /> })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Resources on a public page are not serialised for a browser that never
/// hydrates them: what Leptos still writes is the same empty snippet on
/// every page ([`PUBLIC_INLINE_SCRIPTS`]).
fn leave_out_hydration_data() {
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
}

/// What Leptos writes inline after a page whose resources are not
/// serialised (`hydration_context`'s `SsrSharedContext::pending_data`).
const PUBLIC_INLINE_SCRIPTS: [&str; 2] = [
    "__RESOLVED_RESOURCES=[];__SERIALIZED_ERRORS=[];__PENDING_RESOURCES=[];__RESOURCE_RESOLVERS=[];",
    "__INCOMPLETE_CHUNKS=[];",
];

/// `'sha256-…'` sources for [`PUBLIC_INLINE_SCRIPTS`].
fn public_script_hashes() -> &'static str {
    static HASHES: OnceLock<String> = OnceLock::new();
    HASHES.get_or_init(|| {
        use base64::Engine as _;
        use sha2::{Digest, Sha256};
        PUBLIC_INLINE_SCRIPTS
            .iter()
            .map(|script| {
                let digest = Sha256::digest(script.as_bytes());
                format!(
                    "'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(digest)
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    })
}

fn content_security_policy(app: bool) -> Option<String> {
    let scripts = if app {
        format!("'self' 'wasm-unsafe-eval' 'nonce-{}'", use_nonce()?)
    } else {
        format!("'self' {}", public_script_hashes())
    };
    Some(format!(
        "default-src 'self'; script-src {scripts}; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ))
}

fn set_content_security_policy(app: bool) {
    let Some(policy) = content_security_policy(app) else {
        return;
    };
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&policy),
    ) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}
