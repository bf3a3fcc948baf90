//! Code splitting: lazily loaded pages move into wasm chunks of their own.
//!
//! Pages marked with Leptos's `wasm_split` (`#[lazy]`-style, `fallible`) are split off the raw
//! `.wasm` by `wasm_split_cli_support` — the library cargo-leptos's `--split` uses — *before*
//! wasm-bindgen (which then processes the main module only; it must keep the linker's exports
//! that the chunks import). The build links with `--emit-relocs` so code can be moved.
//!
//! What comes out: the main module, one wasm per split point plus shared `chunk_N` modules,
//! and a small JS "link file" that the main module imports its chunk loaders from (so the
//! wasm-bindgen glue imports it) and that imports `initSync` back from the glue. Both JS files
//! get their names from one content hash over the pair (they name each other), the chunks from
//! their own content; the bundle's prefix keeps them in its service-worker set.

use anyhow::{anyhow, bail, Context, Result};
use std::fs;
use std::path::{Path, PathBuf};

/// Placeholder names the splitter writes; replaced by content-hashed names in `dist/`.
const LINK_PLACEHOLDER: &str = "./__wasm_split.________________.js";
const GLUE_PLACEHOLDER: &str = "./__wasm_glue.________________.js";

/// The split of one bundle's raw wasm.
pub struct Split {
    /// The main module, for wasm-bindgen.
    pub main: PathBuf,
    /// The chunks (split points and shared modules), not yet optimised.
    pub chunks: Vec<PathBuf>,
    /// The link file's text (with placeholder names), `None` when nothing was split.
    pub link_js: Option<String>,
}

pub fn split(raw_wasm: &Path, work: &Path) -> Result<Split> {
    let out_dir = work.join("split");
    let _ = fs::remove_dir_all(&out_dir);
    fs::create_dir_all(&out_dir)?;
    let input = fs::read(raw_wasm).with_context(|| raw_wasm.display().to_string())?;
    let main = out_dir.join("main.wasm");
    let mut opts = wasm_split_cli_support::Options::new(&input);
    opts.output_dir = &out_dir;
    opts.main_out_path = &main;
    opts.main_module = GLUE_PLACEHOLDER;
    opts.link_name = LINK_PLACEHOLDER;
    let result =
        wasm_split_cli_support::transform(opts).map_err(|e| anyhow!("wasm-split: {e:?}"))?;
    let link_path = out_dir.join(LINK_PLACEHOLDER.trim_start_matches("./"));
    let link_js = if result.split_modules.is_empty() {
        None
    } else {
        Some(fs::read_to_string(&link_path).context("the split's link file")?)
    };
    Ok(Split {
        main,
        chunks: result.split_modules,
        link_js,
    })
}

/// The link file with a chunk's file name replaced by its final (content-hashed) name.
pub fn rename_chunk(link_js: &str, original: &Path, name: &str) -> Result<String> {
    let file = original
        .file_name()
        .and_then(|n| n.to_str())
        .context("chunk file name")?;
    let needle = format!("\"./{file}\"");
    if !link_js.contains(&needle) {
        bail!("the split's link file does not load {needle}");
    }
    Ok(link_js.replace(&needle, &format!("\"./{name}\"")))
}

/// Gives the glue and the link file their final names: the glue imports the link file (once per
/// split point; only the module specifiers change, the wasm's import names stay) and the link
/// file imports the glue.
pub fn link(
    glue: &str,
    link_js: &str,
    glue_name: &str,
    link_name: &str,
) -> Result<(String, String)> {
    let from = format!("from \"{LINK_PLACEHOLDER}\"");
    let from_single = format!("from '{LINK_PLACEHOLDER}'");
    if !glue.contains(&from) && !glue.contains(&from_single) {
        bail!("the wasm-bindgen glue does not import the split's link file");
    }
    let glue = glue
        .replace(&from, &format!("from \"./{link_name}\""))
        .replace(&from_single, &format!("from \"./{link_name}\""));
    if !link_js.contains(GLUE_PLACEHOLDER) {
        bail!("the split's link file does not import the glue");
    }
    let link_js = link_js.replace(GLUE_PLACEHOLDER, &format!("./{glue_name}"));
    Ok((glue, after_first_paint(&link_js)?))
}

/// The loader's start: every chunk is fetched only after the browser has painted the frame that
/// asked for it.
const LOADER_START: &str = "const loader = async () => {";

/// Makes every chunk load wait for the next painted frame (a frame, then a task; at most 100 ms,
/// as a tab in the background paints no frames). A part of the first screen that loads lazily
/// (the timeline below the fields of action, the unread-news count) then never delays the
/// first screen: its chunk no longer competes with the main module for a slow network, and
/// Lighthouse's simulation no longer counts it towards the largest paint. A page opened directly
/// shows its "loading" line one frame earlier.
fn after_first_paint(link_js: &str) -> Result<String> {
    if !link_js.contains(LOADER_START) {
        bail!("the split's link file has no chunk loader to defer ({LOADER_START})");
    }
    Ok(link_js.replace(
        LOADER_START,
        &format!(
            "{LOADER_START} await new Promise(r => {{ requestAnimationFrame(() => setTimeout(r)); setTimeout(r, 100); }});"
        ),
    ))
}
