//! The site's files (wasm, JS, CSS, icons): compressed once at build time
//! (`server precompress <site root>`, run by scripts/lib/build.sh) and
//! served as they are, with `Content-Encoding` and `Vary`. Files with a
//! content hash in their name (cargo-leptos `hash-files`) never change, so
//! browsers keep them for a year; anything else is revalidated.
use axum::{
    Router,
    http::{HeaderValue, Request, header},
    middleware::{self, Next},
    response::Response,
};
use std::{
    fs,
    io::{self, Write as _},
    path::{Path, PathBuf},
};
use tower_http::services::ServeDir;

/// File types worth compressing (images such as PNG are compressed already).
const COMPRESSIBLE: [&str; 7] = ["wasm", "js", "css", "svg", "json", "html", "txt"];
/// Smaller files gain nothing from it.
const MIN_SIZE: u64 = 512;

/// Writes `<file>.br` (quality 11) and `<file>.gz` (level 9) beside every
/// compressible file under `root` that has none or an older one. Returns
/// how many files were compressed.
pub fn precompress(root: &Path) -> io::Result<usize> {
    let mut done = 0;
    for file in files_under(root)? {
        let compressible = file
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        let metadata = fs::metadata(&file)?;
        if !compressible || metadata.len() < MIN_SIZE {
            continue;
        }
        let modified = metadata.modified()?;
        let brotli_path = with_suffix(&file, "br");
        let gzip_path = with_suffix(&file, "gz");
        let current = |path: &Path| {
            fs::metadata(path)
                .and_then(|m| m.modified())
                .is_ok_and(|m| m >= modified)
        };
        if current(&brotli_path) && current(&gzip_path) {
            continue;
        }
        let content = fs::read(&file)?;
        let mut brotli = Vec::new();
        {
            let mut writer = brotli::CompressorWriter::new(&mut brotli, 4096, 11, 22);
            writer.write_all(&content)?;
        }
        fs::write(&brotli_path, brotli)?;
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&content)?;
        fs::write(&gzip_path, gzip.finish()?)?;
        done += 1;
    }
    Ok(done)
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn files_under(root: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    Ok(files)
}

/// Whether a file name carries a content hash as cargo-leptos writes it:
/// `name.<hash>.ext`, the hash 16 or more base64url characters.
fn is_hashed(file_name: &str) -> bool {
    let parts: Vec<&str> = file_name.split('.').collect();
    parts.len() >= 3
        && parts[1].len() >= 16
        && parts[1]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

async fn cache_lifetime(request: Request<axum::body::Body>, next: Next) -> Response {
    let hashed = request
        .uri()
        .path()
        .rsplit('/')
        .next()
        .is_some_and(is_hashed);
    let mut response = next.run(request).await;
    if response.status().is_success() {
        let policy = if hashed {
            "public, max-age=31536000, immutable"
        } else {
            "public, no-cache"
        };
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        let varies = headers.get_all(header::VARY).iter().any(|v| {
            v.to_str()
                .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
        });
        if !varies {
            headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
    }
    response
}

/// `/pkg/…`: the build's files, precompressed forms preferred.
pub fn pkg_service(site_root: &str) -> Router {
    let files = ServeDir::new(Path::new(site_root).join("pkg"))
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(cache_lifetime))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_told_apart() {
        assert!(is_hashed("jobfair.Xk3v9aQ2mP0sT7wZ1bC4dE.wasm"));
        assert!(is_hashed("jobfair.Xk3v9aQ2mP0sT7wZ-_bC4dE.css"));
        assert!(!is_hashed("jobfair.wasm"));
        assert!(!is_hashed("jobfair_bg.wasm"));
        assert!(!is_hashed("door.js"));
        assert!(!is_hashed("jobfair.short.js"));
    }

    #[test]
    fn precompressing_writes_both_forms_once() -> io::Result<()> {
        let root = std::env::temp_dir().join(format!("jobfair-assets-{}", rand::random::<u64>()));
        fs::create_dir_all(root.join("pkg/snippets"))?;
        let script = "console.log('Einlass');\n".repeat(100);
        fs::write(root.join("pkg/snippets/door.js"), &script)?;
        fs::write(root.join("pkg/tiny.css"), "p{}")?;
        fs::write(root.join("pkg/logo.png"), vec![0u8; 4096])?;
        assert_eq!(precompress(&root)?, 1);
        assert_eq!(precompress(&root)?, 0, "current forms are kept");
        let brotli = fs::read(root.join("pkg/snippets/door.js.br"))?;
        let mut plain = Vec::new();
        io::Read::read_to_end(
            &mut brotli::Decompressor::new(&brotli[..], 4096),
            &mut plain,
        )?;
        assert_eq!(plain, script.as_bytes());
        let gzip = fs::read(root.join("pkg/snippets/door.js.gz"))?;
        let mut plain = Vec::new();
        io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gzip[..]), &mut plain)?;
        assert_eq!(plain, script.as_bytes());
        assert!(!root.join("pkg/tiny.css.br").exists(), "too small to gain");
        assert!(!root.join("pkg/logo.png.br").exists(), "already compressed");
        fs::remove_dir_all(&root)
    }
}
