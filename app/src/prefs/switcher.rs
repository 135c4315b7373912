//! The language switch and the text-size buttons in the page header.
use super::{TextSize, remember_text_size};
use crate::{i18n::*, tr};
use leptos::{ev, prelude::*};
use leptos_i18n::{Locale as _, td_string};
use leptos_router::hooks::use_location;

#[component]
pub fn DisplayPrefs() -> impl IntoView {
    let i18n = use_i18n();
    let text_size = expect_context::<RwSignal<TextSize>>();
    let location = use_location();
    // The router's `search` has no leading `?`.
    let back = move || {
        let search = location.search.get();
        let mark = if search.is_empty() || search.starts_with('?') {
            ""
        } else {
            "?"
        };
        format!("{}{mark}{search}", location.pathname.get())
    };
    let size_label = tr!(i18n, prefs.text_size);
    let size_button = move |size: TextSize| {
        let label = match size {
            TextSize::Normal => tr!(i18n, prefs.text_normal),
            TextSize::Large => tr!(i18n, prefs.text_larger),
            TextSize::Larger => tr!(i18n, prefs.text_larger),
        };
        let choose = move |ev: ev::MouseEvent| {
            ev.prevent_default();
            text_size.set(size);
            remember_text_size(size);
        };
        view! {
            <button
                type="submit"
                name="text_size"
                value=size.as_str()
                class="size-button"
                aria-label=move || format!("{} {}", size.symbol(), label.get())
                aria-pressed=move || (text_size.get() == size).to_string()
                on:click=choose
            >
                {size.symbol()}
            </button>
        }
    };
    view! {
        <div class="prefs">
            // The language switch is a plain post in the app too: the server
            // keeps the choice in its cookie and renders the page again.
            // One button per other language, each named and labelled in
            // its own language.
            {move || {
                crate::language::others(i18n.get_locale())
                    .map(|other| view! {
                        <form method="post" action="/prefs" class="lang-switch">
                            <input type="hidden" name="lang" value=other.as_str() />
                            <input type="hidden" name="back" value=back />
                            <button
                                type="submit"
                                lang=other.as_str()
                                aria-label=td_string!(other, language.switch_label)
                            >
                                {td_string!(other, language.name)}
                            </button>
                        </form>
                    })
                    .collect_view()
            }}
            // A form may not take the group role: the group is inside it.
            <form method="post" action="/prefs" class="text-size">
                <input type="hidden" name="back" value=back />
                <div class="text-size-choices" role="group" aria-label=size_label>
                    {TextSize::ALL.into_iter().map(size_button).collect_view()}
                </div>
            </form>
        </div>
    }
}
