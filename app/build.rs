//! Generates the typed `i18n` module from `locales/*.json` (leptos_i18n), so a
//! missing or misspelt translation key is a compile error, not a blank label.
use leptos_i18n_build::{Config, TranslationsInfos};
use std::{env, error::Error, path::PathBuf};

/// The languages on offer, the default first: each is a `locales/<code>.json`
/// file and its code here. Everything else (the `Locale` enum, parsing a
/// stored code, the language switch, `lang` and `dir`) follows from this list.
const LOCALES: &[&str] = &["de", "en"];

fn main() -> Result<(), Box<dyn Error>> {
    route_groups()?;
    let out_dir = PathBuf::from(env::var("OUT_DIR")?).join("i18n");
    let (default, others) = LOCALES.split_first().ok_or("LOCALES is empty")?;
    let mut config = Config::new(default)?.add_locales(others)?;
    // Lets `t_string!`/`td_string!` interpolate values (mail templates, attributes).
    config.options = std::mem::take(&mut config.options).interpolate_display(true);
    let translations = TranslationsInfos::parse(config)?;
    translations.rerun_if_locales_changed();
    translations.emit_diagnostics();
    translations.generate_i18n_module(out_dir)?;
    Ok(())
}

/// Which groups of app routes this build knows (`routes_door`,
/// `routes_organise`, `routes_editors`, `routes_staff`): the server and a build without an
/// area feature (development, tests) know all; an area's browser bundle
/// (feature `area-door`, …, see `scripts/lib/areas.sh`) only its own.
fn route_groups() -> Result<(), Box<dyn Error>> {
    let feature = |name: &str| env::var_os(format!("CARGO_FEATURE_{name}")).is_some();
    let areas = [
        ("routes_door", feature("AREA_DOOR")),
        ("routes_organise", feature("AREA_ORGANISE")),
        ("routes_editors", feature("AREA_EDITORS")),
        ("routes_staff", feature("AREA_STAFF")),
    ];
    let chosen = areas.iter().filter(|(_, chosen)| *chosen).count();
    if chosen > 1 && !feature("SSR") {
        return Err("a browser bundle is one area: pick one of the area-* features".into());
    }
    let every = feature("SSR") || chosen == 0;
    println!(
        "cargo::rustc-check-cfg=cfg(routes_door, routes_organise, routes_editors, routes_staff, routes_every)"
    );
    if every {
        println!("cargo::rustc-cfg=routes_every");
    }
    for (cfg, chosen) in areas {
        if every || chosen {
            println!("cargo::rustc-cfg={cfg}");
        }
    }
    Ok(())
}
