//! Rendering an SVG to PNG pixels with resvg, shared by the `readme-image`
//! tool and `tests/test_render.rs` (included with `#[path]`).
#![allow(dead_code)] // each includer uses part of it

use std::error::Error;
use std::io::Cursor;

use resvg::{tiny_skia, usvg};

/// The README's picture is rendered at twice the SVG's size.
pub const SCALE: f32 = 2.0;

/// The PNG text chunk (iTXt) that holds the SVG the PNG was rendered from.
pub const SVG_KEYWORD: &str = "collaboration-radar-svg";

/// A rendering: its size and its pixels as straight (not premultiplied)
/// RGBA, row by row.
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// Renders `svg` at `scale` with the machine's fonts (text is skipped where
/// no font is found).
pub fn rasterise(svg: &str, scale: f32) -> Result<Image, Box<dyn Error>> {
    let mut options = usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    let tree = usvg::Tree::from_str(svg, &options)?;
    let size = tree.size().to_int_size().scale_by(scale).ok_or("empty SVG")?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("empty SVG")?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    let rgba = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    Ok(Image { width: size.width(), height: size.height(), rgba })
}

/// Encodes an image as PNG, with the SVG it was rendered from in an iTXt
/// chunk, so that a test can tell the PNG is current on any machine.
pub fn encode(image: &Image, svg: &str) -> Result<Vec<u8>, Box<dyn Error>> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, image.width, image.height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    encoder.add_text_chunk("Software".to_owned(), "resvg, by examples/readme_image.rs".to_owned())?;
    encoder.add_itxt_chunk(SVG_KEYWORD.to_owned(), svg.to_owned())?;
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&image.rgba)?;
    writer.finish()?;
    Ok(bytes)
}

/// Decodes a PNG written by [`encode`]: the image and the SVG it holds.
pub fn decode(bytes: &[u8]) -> Result<(Image, Option<String>), Box<dyn Error>> {
    let mut reader = png::Decoder::new(Cursor::new(bytes)).read_info()?;
    let mut rgba = vec![0; reader.output_buffer_size().ok_or("PNG too large")?];
    let frame = reader.next_frame(&mut rgba)?;
    if frame.color_type != png::ColorType::Rgba || frame.bit_depth != png::BitDepth::Eight {
        return Err("not an 8-bit RGBA PNG".into());
    }
    rgba.truncate(frame.buffer_size());
    reader.finish()?;
    let svg = reader
        .info()
        .utf8_text
        .iter()
        .find(|chunk| chunk.keyword == SVG_KEYWORD)
        .map(png::text_metadata::ITXtChunk::get_text)
        .transpose()?;
    Ok((Image { width: frame.width, height: frame.height, rgba }, svg))
}
