//! The HTML document the server sends. App pages load the wasm and carry a
//! per-response CSP nonce: only the hydration scripts Leptos writes may run
//! inline. Public pages load no wasm and allow no script but this site's
//! files and Leptos's fixed, empty hydration-data snippets (by hash), so the
//! same bytes serve every visitor and can be cached compressed.
use super::{
    App,
    areas::{Area, app_area},
};
use http::{HeaderValue, header, request::Parts};
use leptos::{
    hydration::{AutoReload, HydrationScripts},
    nonce::{provide_nonce, use_nonce},
    prelude::*,
};
use leptos_meta::{HashedStylesheet, MetaTags};
use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::{Arc, Mutex, OnceLock, PoisonError},
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let area = use_context::<Parts>().and_then(|parts| app_area(parts.uri.path()));
    let app = area.is_some();
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
                {area.map(|area| view! { <AppScripts options area /> })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The scripts that load and hydrate the app: the area's own bundle when
/// the release build made one (`bundles.txt`, written by
/// `scripts/lib/areas.sh`), else the one bundle cargo-leptos built.
#[component]
fn AppScripts(options: LeptosOptions, area: Area) -> impl IntoView {
    let Some(stem) = area_bundles(&options).get(area.as_str()).cloned() else {
        return view! { <HydrationScripts options /> }.into_any();
    };
    let pkg = format!("/{}", options.site_pkg_dir);
    let js = format!("{pkg}/{stem}.js");
    let wasm = format!("{pkg}/{stem}.wasm");
    let start = format!(
        "import({js:?}).then(m => m.default({{module_or_path: {wasm:?}}}).then(() => m.hydrate()));"
    );
    view! {
        <link rel="modulepreload" href=js />
        <link rel="preload" href=wasm r#as="fetch" r#type="application/wasm" crossorigin="" />
        <script type="module" nonce=use_nonce()>{start}</script>
    }
    .into_any()
}

/// Area name to file stem, as `bundles.txt` lists them.
type BundleList = Arc<HashMap<String, String>>;

/// Area name to file stem (`door: jobfair-door.<hash>`), read once per
/// site folder.
fn area_bundles(options: &LeptosOptions) -> BundleList {
    static BUNDLES: OnceLock<Mutex<HashMap<PathBuf, BundleList>>> = OnceLock::new();
    let list = Path::new(options.site_root.as_ref())
        .join(options.site_pkg_dir.as_ref())
        .join("bundles.txt");
    let mut known = BUNDLES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    known
        .entry(list)
        .or_insert_with_key(|list| {
            Arc::new(
                std::fs::read_to_string(list)
                    .map(|text| parse_bundle_list(&text))
                    .unwrap_or_default(),
            )
        })
        .clone()
}

fn parse_bundle_list(text: &str) -> HashMap<String, String> {
    text.lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(area, stem)| (area.trim().to_owned(), stem.trim().to_owned()))
        .filter(|(area, stem)| !area.is_empty() && !stem.is_empty())
        .collect()
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

#[cfg(test)]
mod tests {
    use super::parse_bundle_list;

    #[test]
    fn the_bundle_list_names_each_area_once() {
        let list = parse_bundle_list(
            "door: jobfair-door.abc123\n\norganise:jobfair-organise.def\nbroken\nstaff:\n",
        );
        assert_eq!(list.len(), 2);
        assert_eq!(list["door"], "jobfair-door.abc123");
        assert_eq!(list["organise"], "jobfair-organise.def");
    }
}
