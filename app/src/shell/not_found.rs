//! The page for addresses that do not exist, in both languages, with a 404;
//! and what the browser's router does with an address it does not know.
use crate::{i18n::*, tr};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    super::set_http_status(404);
    let i18n = use_i18n();
    view! {
        <Title text=tr!(i18n, errors.not_found_title) />
        <section class="page narrow">
            <h1>{t!(i18n, errors.not_found_title)}</h1>
            <p>{t!(i18n, errors.not_found_text)}</p>
            <p>
                <a href="/">{t!(i18n, common.back_home)}</a>
            </p>
        </section>
    }
}

/// The routers' fallback. On the server, an unknown address: [`NotFound`].
/// In the browser, which knows only the app's routes, a link out of the app
/// to a public page (or a server function's redirect there): the page is
/// loaded from the server, as a plain link would. While hydrating a
/// server-rendered "not found" it renders the same page.
#[component]
pub fn NotInApp() -> impl IntoView {
    let hydrating = Owner::current_shared_context().is_some_and(|sc| sc.during_hydration());
    if !hydrating {
        let location = leptos_router::hooks::use_location();
        // Effects run only in the browser; the server renders the 404. The
        // same address again is a reload (no second history entry).
        Effect::new(move |_| {
            let search = location.search.get_untracked();
            let hash = location.hash.get_untracked();
            let target = format!(
                "{}{}{search}{}{hash}",
                location.pathname.get_untracked(),
                if search.is_empty() { "" } else { "?" },
                if hash.is_empty() || hash.starts_with('#') {
                    ""
                } else {
                    "#"
                },
            );
            let here = window().location();
            let current = format!(
                "{}{}",
                here.pathname().unwrap_or_default(),
                here.search().unwrap_or_default()
            );
            // The router may already show the new address: load it again
            // (a jump to a fragment alone would not load anything).
            if target.split('#').next() == Some(current.as_str()) {
                let _ = here.reload();
            } else {
                let _ = here.set_href(&target);
            }
        });
    }
    view! { <NotFound /> }
}
