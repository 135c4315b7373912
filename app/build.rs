//! Generates the typed `i18n` module from `locales/*.json` (leptos_i18n), so a
//! missing or misspelt translation key is a compile error, not a blank label.
use leptos_i18n_build::{Config, TranslationsInfos};
use std::{env, error::Error, path::PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    let out_dir = PathBuf::from(env::var("OUT_DIR")?).join("i18n");
    let mut config = Config::new("de")?.add_locale("en")?;
    // Lets `t_string!`/`td_string!` interpolate values (mail templates, attributes).
    config.options = std::mem::take(&mut config.options).interpolate_display(true);
    let translations = TranslationsInfos::parse(config)?;
    translations.rerun_if_locales_changed();
    translations.emit_diagnostics();
    translations.generate_i18n_module(out_dir)?;
    Ok(())
}
