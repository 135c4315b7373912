//! The page for addresses that do not exist, in both languages, with a 404.
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
