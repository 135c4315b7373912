//! The ticket's QR code: SVG for the page, PNG for mails (mail clients do
//! not show inline SVG). Drawn with the `qrcode` crate; medium error
//! correction survives a scratched phone screen and stays small.
use qrcode::{Color, EcLevel, QrCode, render::svg};

/// Pixels per module in the PNG, and the quiet zone in modules.
const PNG_SCALE: usize = 6;
const QUIET_ZONE: usize = 4;

fn code(text: &str) -> anyhow::Result<QrCode> {
    Ok(QrCode::with_error_correction_level(
        text.as_bytes(),
        EcLevel::M,
    )?)
}

/// An `<svg>` element (no XML declaration) that scales with CSS, labelled
/// for screen readers.
pub fn svg(text: &str, label: &str) -> anyhow::Result<String> {
    let drawn = code(text)?
        .render::<svg::Color>()
        .min_dimensions(240, 240)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    let start = drawn.find("<svg").unwrap_or(0);
    let label = crate::mail::templates::escape_html(label);
    Ok(drawn[start..].replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{label}\" focusable=\"false\" "),
        1,
    ))
}

/// The modules of a QR code with one fixed mask. Choosing the best of the
/// eight masks (what `QrCode::new` does) scores each of them and took a
/// fifth of the server's time per registration; every mask gives a valid
/// code, and phones read this one as well (the tests decode it).
fn modules_with_fixed_mask(text: &str) -> anyhow::Result<(usize, Vec<Color>)> {
    let bits = qrcode::bits::encode_auto(text.as_bytes(), EcLevel::M)?;
    let version = bits.version();
    let data = bits.into_bytes();
    let (encoded, ec) = qrcode::ec::construct_codewords(&data, version, EcLevel::M)?;
    let mut canvas = qrcode::canvas::Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&encoded, &ec);
    canvas.apply_mask(qrcode::canvas::MaskPattern::Checkerboard);
    let width = usize::try_from(version.width()).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok((width, canvas.into_colors()))
}

/// A black-and-white PNG with a quiet zone, one bit per pixel: small, and
/// quick to write (one is drawn for every registration's mail).
pub fn png(text: &str) -> anyhow::Result<Vec<u8>> {
    let (modules, colors) = modules_with_fixed_mask(text)?;
    let side = (modules + 2 * QUIET_ZONE) * PNG_SCALE;
    let row_bytes = side.div_ceil(8);
    // 1 is white in a 1-bit grayscale PNG: start all white, clear dark bits.
    let mut pixels = vec![0xffu8; row_bytes * side];
    for (index, color) in colors.iter().enumerate() {
        if *color != Color::Dark {
            continue;
        }
        let (mx, my) = (index % modules + QUIET_ZONE, index / modules + QUIET_ZONE);
        for y in my * PNG_SCALE..(my + 1) * PNG_SCALE {
            for x in mx * PNG_SCALE..(mx + 1) * PNG_SCALE {
                pixels[y * row_bytes + x / 8] &= !(0x80 >> (x % 8));
            }
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side as u32, side as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&pixels)?;
    writer.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_is_an_inline_labelled_element() {
        let svg = svg("JF:ABC", "Ticket <1>").unwrap_or_default();
        assert!(svg.starts_with("<svg role=\"img\" aria-label=\"Ticket &lt;1&gt;\""));
        assert!(!svg.contains("<?xml"));
        assert!(svg.contains("viewBox"));
    }

    #[test]
    fn png_is_a_png_of_the_expected_size() {
        let png = png("JF:ABC").unwrap_or_default();
        assert_eq!(&png[1..4], b"PNG");
        // Version 1 (21 modules) plus the quiet zone, 6 px each.
        let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
        assert_eq!(width, ((21 + 8) * 6) as u32);
    }
}
