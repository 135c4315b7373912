//! Pieces the employer pages share: language names, a checklist of codes,
//! and a job as the directory shows it.
use crate::{
    employers::model::{JobView, german_date},
    i18n::*,
    registration::pages::industry_label,
};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

pub fn language_label(i18n: I18nContext<Locale>, code: &str) -> String {
    match code {
        "de" => t_string!(i18n, employer.lang_de),
        "en" => t_string!(i18n, employer.lang_en),
        "tr" => t_string!(i18n, employer.lang_tr),
        "ar" => t_string!(i18n, employer.lang_ar),
        "uk" => t_string!(i18n, employer.lang_uk),
        "ru" => t_string!(i18n, employer.lang_ru),
        "pl" => t_string!(i18n, employer.lang_pl),
        "ro" => t_string!(i18n, employer.lang_ro),
        "fa" => t_string!(i18n, employer.lang_fa),
        "fr" => t_string!(i18n, employer.lang_fr),
        "es" => t_string!(i18n, employer.lang_es),
        "it" => t_string!(i18n, employer.lang_it),
        _ => return code.to_owned(),
    }
    .to_string()
}

/// Checkboxes for codes, sent as one comma-separated hidden field (the
/// checkboxes need JavaScript; the rest of the form works without).
#[component]
pub fn CodeChecklist(
    #[prop(into)] name: String,
    #[prop(into)] id_prefix: String,
    #[prop(into)] legend: Signal<String>,
    codes: &'static [&'static str],
    label: fn(I18nContext<Locale>, &str) -> String,
    chosen: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let selection = RwSignal::new(chosen);
    view! {
        <fieldset class="choice">
            <legend>{move || legend.get()}</legend>
            <input type="hidden" name=name prop:value=move || selection.get().join(",") />
            <div class="chips">
                {codes.iter().map(|code| {
                    let id = format!("{id_prefix}-{code}");
                    let code = (*code).to_owned();
                    let checked = selection.get_untracked().contains(&code);
                    let text = label(i18n, &code);
                    view! {
                        <span class="chip">
                            <input type="checkbox" id=id.clone() checked=checked on:change=move |_| {
                                selection.update(|list| {
                                    if let Some(at) = list.iter().position(|c| *c == code) {
                                        list.remove(at);
                                    } else {
                                        list.push(code.clone());
                                    }
                                })
                            } />
                            <label for=id>{text}</label>
                        </span>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// One job: title, type, place, start, languages, description.
#[component]
pub fn JobItem(job: JobView) -> impl IntoView {
    let i18n = use_i18n();
    let start = if job.starts_on.is_empty() {
        t_string!(i18n, employer.start_open).to_string()
    } else {
        t_string!(i18n, employer.start_on, date = german_date(&job.starts_on)).to_string()
    };
    let languages: Vec<String> = job
        .languages
        .iter()
        .map(|l| language_label(i18n, l))
        .collect();
    let mut meta = vec![industry_label(i18n, &job.kind)];
    if !job.place_of_work.is_empty() {
        meta.push(job.place_of_work.clone());
    }
    meta.push(start);
    if !languages.is_empty() {
        meta.push(languages.join(", "));
    }
    view! {
        <h3>{job.title.clone()}</h3>
        <p class="meta">{meta.join(" · ")}</p>
        {(!job.description.is_empty()).then(|| view! { <p>{job.description.clone()}</p> })}
    }
}
