//! Build tasks, run as `cargo xtask <task>`:
//!
//! - `dist`: builds the two web apps (citizen app and staff app, one bundle each) for wasm32
//!   (size-optimised profile), generates the JS glue with
//!   wasm-bindgen (the library, pinned to the exact version the app links), shrinks the wasm
//!   with `wasm-opt -Oz` from the npm package `binaryen` (never Debian's binaryen 108: its output
//!   fails in Chromium), names assets by content hash, writes `index.html`, and precompresses
//!   everything as `.br` and `.gz`.
//! - `size`: prints each shell's transfer size (html + js + wasm + css, brotli) and fails
//!   when one exceeds its budget.

mod imports;
mod split;

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The whole app is held to this: the citizen shell, and the staff shell (a bundle of its own
/// at `/moderation`, which citizens never download).
/// First-route budgets (brotli): what a phone fetches before the first screen works (see
/// [`size`]): the start page for citizens, the idea queue for staff. Other pages are split
/// into lazily loaded chunks (split.rs).
///
/// 150 KiB (issue 10). Each app loads one stylesheet of its own (the shared rules and its
/// own; the citizen pages' rules only once such a page shows), and the JS imports carry short
/// names (imports.rs).
const CITIZEN_BUDGET_KIB: f64 = 150.0;
const STAFF_BUDGET_KIB: f64 = 150.0;
const COMPRESSIBLE: &[&str] = &[
    "html",
    "js",
    "wasm",
    "css",
    "json",
    "svg",
    "webmanifest",
    "txt",
];

fn main() -> std::process::ExitCode {
    let root = workspace_root();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dist") => dist(&root),
        Some("size") => size(&root.join("dist")),
        _ => Err(anyhow::anyhow!("usage: cargo xtask dist | size")),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn run(cmd: &mut Command) -> Result<()> {
    let status = cmd.status().with_context(|| format!("starting {cmd:?}"))?;
    if !status.success() {
        bail!("{cmd:?} failed with {status}");
    }
    Ok(())
}

/// leptos always enables server_fn's browser support, whose wasm-streams dependency exports
/// three JS classes (`IntoUnderlyingSource`, …) for streaming server functions. This app has
/// no server functions and never creates them, but wasm-bindgen keeps exported classes. They
/// are removed from the wasm's exports (wasm-opt then drops their code) and from the glue:
/// about 2.5 KiB of the shell.
const UNUSED_CLASS_EXPORTS: &str = "intounderlying";

fn strip_unused_classes(glue: &str) -> Result<String> {
    let mut out = String::with_capacity(glue.len());
    // While skipping: the line that ends the skipped item (`}` for a class, `;` for a const).
    let mut skipping: Option<fn(&str) -> bool> = None;
    let mut removed = 0;
    for line in glue.lines() {
        if let Some(ends) = skipping {
            if ends(line) {
                skipping = None;
            }
            continue;
        }
        if line.starts_with("export class IntoUnderlying") {
            skipping = Some(|l| l == "}");
            removed += 1;
        } else if line.starts_with("const IntoUnderlying") {
            skipping = Some(|l| l.ends_with(';'));
            if line.ends_with(';') {
                skipping = None;
            }
        } else if !line.starts_with("if (Symbol.dispose) IntoUnderlying") {
            out.push_str(line);
            out.push('\n');
        }
    }
    if out.contains("IntoUnderlying") {
        bail!("the glue still mentions IntoUnderlying*: strip_unused_classes needs updating");
    }
    if removed == 0 {
        eprintln!("xtask: no IntoUnderlying* classes found in the glue (nothing to strip)");
    }
    Ok(out)
}

fn short_hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))[..16].to_owned()
}

fn dist(root: &Path) -> Result<()> {
    let started = std::time::Instant::now();
    let target_dir =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    // Panic locations embed source paths: map them to short fixed prefixes so the wasm (and
    // its size against the budget) does not depend on where the checkout or cargo home live.
    // These flags replace the `[target.wasm32-unknown-unknown] rustflags` of .cargo/config.toml,
    // so `erase_components` is repeated here.
    // std is rebuilt with `panic=immediate-abort` (the Leptos book's size recipe): a panic traps
    // at once instead of formatting a message, which drops the panic/fmt machinery (−12 KiB
    // brotli). These flags are unstable: the wasm build alone uses the dated nightly pinned in
    // `wasm-toolchain` (with its `rust-src`, installed by `scripts/setup`); everything else
    // builds with the stable toolchain of `rust-toolchain.toml`.
    // `-Zfmt-debug=none` makes every `Debug` impl print nothing and `-Zlocation-detail=none`
    // drops file/line of `#[track_caller]`: −4.6 KiB (brotli). Neither app may therefore use
    // `{:?}` for anything a user sees or the code compares.
    let cargo_home = std::env::var_os("CARGO_HOME").map_or_else(
        || PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo"),
        PathBuf::from,
    );
    let rustflags = [
        "--cfg".to_owned(),
        "erase_components".to_owned(),
        format!("--remap-path-prefix={}=/w", root.display()),
        format!("--remap-path-prefix={}=/c", cargo_home.display()),
        "-Zunstable-options".to_owned(),
        "-Cpanic=immediate-abort".to_owned(),
        "-Zfmt-debug=none".to_owned(),
        "-Zlocation-detail=none".to_owned(),
        // Relocations in the linked module let wasm-split move code into chunks (split.rs).
        "-Clink-args=--emit-relocs".to_owned(),
    ]
    .join("\u{1f}");
    let dist = root.join("dist");
    let _ = fs::remove_dir_all(&dist);
    fs::create_dir_all(&dist)?;
    // One stylesheet per app: the shared rules and the app's own (the staff app does not load
    // the citizen pages' rules, nor the citizen app the staff's).
    let css_name = write_css(
        root,
        &["style/base.css", "style/citizen.css"],
        "style",
        &dist,
    )?;
    let staff_css = write_css(root, &["style/base.css", "style/staff.css"], "staff", &dist)?;
    // The citizen app's lazily loaded pages: linked, but switched on when one of them shows.
    let pages_css = write_css(root, &["style/pages.css"], "pages", &dist)?;
    let app = build_bundle(root, &target_dir, &rustflags, &CITIZEN, &dist)?;
    let staff = build_bundle(root, &target_dir, &rustflags, &STAFF, &dist)?;

    let public = root.join("public");
    for entry in fs::read_dir(&public)? {
        let path = entry?.path();
        let name = path.file_name().context("file name")?.to_owned();
        if path.is_file() && !TEMPLATES.iter().any(|t| name == *t) {
            fs::copy(&path, dist.join(&name))?;
        }
    }
    for (bundle, built) in [(&CITIZEN, &app), (&STAFF, &staff)] {
        let page = fs::read_to_string(public.join(bundle.page))?
            .replace("{{APP_JS}}", &built.js)
            .replace("{{APP_WASM}}", &built.wasm)
            .replace(
                "{{SPLIT_PRELOAD}}",
                &built.link.as_ref().map_or_else(String::new, |link| {
                    format!("<link rel=\"modulepreload\" href=\"/{link}\">")
                }),
            )
            .replace("{{STYLE_CSS}}", &css_name)
            .replace("{{STAFF_CSS}}", &staff_css)
            .replace("{{PAGES_CSS}}", &pages_css);
        if page.contains("{{") {
            bail!("{} has an unknown placeholder", bundle.page);
        }
        fs::write(dist.join(bundle.page), page)?;
        println!(
            "{}: {} lazy chunk(s) split off",
            bundle.package,
            built.chunks.len()
        );
    }
    for page in STATIC_PAGES {
        let html = fs::read_to_string(public.join(page))?.replace("{{STYLE_CSS}}", &css_name);
        if html.contains("{{") {
            bail!("{page} has an unknown placeholder");
        }
        fs::write(dist.join(page), html)?;
    }
    write_service_worker(&public, &dist)?;

    precompress(&dist)?;
    println!("dist/ built in {:.1} s", started.elapsed().as_secs_f64());
    size(&dist)
}

/// One of the two wasm bundles: the citizen app, and the staff app (its own bundle, so
/// citizens never download staff code).
struct Bundle {
    package: &'static str,
    /// File name prefix of its js and wasm in `dist/`.
    prefix: &'static str,
    /// Its html page in `public/` (a template).
    page: &'static str,
    wasm_opt: &'static [&'static str],
}

/// Measured on the citizen app (brotli): `-Oz` 142.9 KiB, this pipeline 140.5 KiB (flattening
/// and re-looping give the size passes more to merge; `--gufa` another 0.2 KiB; ~45 s instead
/// of ~20 s). On the staff app 166.5 -> 164.0 KiB; `-Oz` for its size passes was 0.8 KiB
/// larger. The compiler's `producers` and `target_features` sections go: no browser reads them.
const WASM_OPT: &[&str] = &[
    "-Os",
    "--flatten",
    "--rereloop",
    "-Os",
    "--gufa",
    "-Os",
    "--converge",
    "--strip-producers",
    "--strip-target-features",
];

const CITIZEN: Bundle = Bundle {
    package: "werkstadt-app",
    prefix: "app",
    page: "index.html",
    wasm_opt: WASM_OPT,
};

const STAFF: Bundle = Bundle {
    package: "werkstadt-staff",
    prefix: "staff",
    page: "moderation.html",
    wasm_opt: WASM_OPT,
};

/// Files of `public/` that are templates, not copied as they are.
const TEMPLATES: &[&str] = &["index.html", "moderation.html", "datenschutz.html", "sw.js"];

/// Static pages (no app code): templates that only need the stylesheet's hashed name.
const STATIC_PAGES: &[&str] = &["datenschutz.html"];

/// The dated nightly the wasm bundles are built with (file `wasm-toolchain`): `-Zbuild-std`,
/// `-Zfmt-debug=none` and `-Cpanic=immediate-abort` are unstable flags.
fn wasm_toolchain(root: &Path) -> Result<String> {
    let pin = fs::read_to_string(root.join("wasm-toolchain")).context("reading wasm-toolchain")?;
    let pin = pin.trim().to_owned();
    let installed = Command::new("rustup")
        .args(["run", &pin, "rustc", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed {
        bail!("the wasm build needs the toolchain {pin} (file wasm-toolchain): run scripts/setup");
    }
    Ok(pin)
}

/// Builds one bundle into `dist/`; the names of its js and wasm files.
fn build_bundle(
    root: &Path,
    target_dir: &Path,
    rustflags: &str,
    bundle: &Bundle,
    dist: &Path,
) -> Result<Built> {
    // Each bundle is its own cargo invocation: one build would unify the domain's features
    // (the staff feature would land in the citizen app).
    run(Command::new("rustup")
        .current_dir(root)
        // The outer cargo's choice of compiler must not leak into the nightly build.
        .env_remove("RUSTC")
        .env_remove("RUSTDOC")
        .env_remove("CARGO")
        .env("CARGO_ENCODED_RUSTFLAGS", rustflags)
        .args(["run", &wasm_toolchain(root)?, "cargo"])
        .args([
            "build",
            "-Zbuild-std=std,panic_abort",
            "-p",
            bundle.package,
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
        ]))?;
    let stem = bundle.package.replace('-', "_");
    let wasm_in = target_dir.join(format!("wasm32-unknown-unknown/wasm-release/{stem}.wasm"));

    let work = target_dir.join("xtask-bindgen").join(bundle.prefix);
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work)?;
    let split = split::split(&wasm_in, &work)?;
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(&split.main)
        .out_name(&stem)
        .web(true)?
        .omit_default_module_path(false)
        .typescript(false)
        .debug(false)
        // The chunks import the linker's exports of the main module: keep them (only then:
        // they keep code wasm-opt would drop).
        .keep_lld_exports(!split.chunks.is_empty())
        .demangle(false)
        .generate(&work)
        .context("wasm-bindgen")?;
    let glue_path = work.join(format!("{stem}.js"));
    let bg_wasm = work.join(format!("{stem}_bg.wasm"));

    let wasm_opt = root.join("node_modules/.bin/wasm-opt");
    if !wasm_opt.exists() {
        bail!(
            "{} is missing: run `npm ci` (scripts/setup does)",
            wasm_opt.display()
        );
    }
    let opt_wasm = work.join("opt.wasm");
    run(Command::new(&wasm_opt)
        .args([
            "--remove-exports",
            &format!("--pass-arg=remove-exports@*{UNUSED_CLASS_EXPORTS}*"),
        ])
        .args(bundle.wasm_opt)
        .arg(&bg_wasm)
        .arg("-o")
        .arg(&opt_wasm))?;

    // Short import names in the module and the glue alike (imports.rs).
    let (wasm, glue) = imports::shorten(
        &fs::read(&opt_wasm)?,
        &strip_unused_classes(&fs::read_to_string(&glue_path)?)?,
        &format!("./{stem}_bg.js"),
    )?;
    let wasm_name = format!("{}-{}.wasm", bundle.prefix, short_hash(&wasm));
    fs::write(dist.join(&wasm_name), &wasm)?;

    // The chunks: optimised like the main module, named by their content.
    let mut link_js = split.link_js.clone();
    let mut chunks = Vec::new();
    for chunk in &split.chunks {
        let opt = work.join("chunk.opt.wasm");
        run(Command::new(&wasm_opt)
            .args(bundle.wasm_opt)
            .arg(chunk)
            .arg("-o")
            .arg(&opt))?;
        let data = fs::read(&opt)?;
        let name = format!("{}-chunk-{}.wasm", bundle.prefix, short_hash(&data));
        fs::write(dist.join(&name), &data)?;
        if let Some(js) = &link_js {
            link_js = Some(split::rename_chunk(js, chunk, &name)?);
        }
        chunks.push(name);
    }

    let mut glue = glue;
    if !glue.contains("function __wbg_init") {
        bail!("the wasm-bindgen glue has no __wbg_init; the loader below needs updating");
    }
    glue.push_str(&format!(
        "\n__wbg_init({{ module_or_path: new URL('./{wasm_name}', import.meta.url) }});\n"
    ));
    // The glue and the link file name each other: one hash over both names them.
    let js_hash = short_hash(format!("{glue}\u{0}{}", link_js.as_deref().unwrap_or("")).as_bytes());
    let js_name = format!("{}-{js_hash}.js", bundle.prefix);
    let link_name = format!("{}-split-{js_hash}.js", bundle.prefix);
    if let Some(js) = &link_js {
        let (linked_glue, linked) = split::link(&glue, js, &js_name, &link_name)?;
        glue = linked_glue;
        fs::write(
            dist.join(&link_name),
            minify_js(root, &work, "link", &linked)?,
        )?;
    }
    fs::write(dist.join(&js_name), minify_js(root, &work, "glue", &glue)?)?;
    Ok(Built {
        js: js_name,
        wasm: wasm_name,
        link: link_js.map(|_| link_name),
        chunks,
    })
}

/// What one bundle put into `dist/`.
struct Built {
    /// The wasm-bindgen glue (the page's module script).
    js: String,
    /// The main wasm module.
    wasm: String,
    /// The split's link file (imported by the glue), when pages were split off.
    link: Option<String>,
    /// The lazily loaded wasm chunks.
    chunks: Vec<String>,
}

/// Minifies a JS module with npm terser (about 1.7 KiB less of the glue under brotli).
fn minify_js(root: &Path, work: &Path, name: &str, js: &str) -> Result<Vec<u8>> {
    let full = work.join(format!("{name}.js"));
    let min = work.join(format!("{name}.min.js"));
    fs::write(&full, js)?;
    run(Command::new(root.join("node_modules/.bin/terser"))
        .arg(&full)
        .args(["--module", "--compress", "--mangle", "-o"])
        .arg(&min))?;
    Ok(fs::read(&min)?)
}

/// Sheets of `style/` joined in order, minified and content-hashed as `{prefix}-{hash}.css`;
/// its name.
fn write_css(root: &Path, sheets: &[&str], prefix: &str, dist: &Path) -> Result<String> {
    let mut joined = String::new();
    for sheet in sheets {
        let path = root.join(sheet);
        joined += &fs::read_to_string(&path).with_context(|| path.display().to_string())?;
        joined.push('\n');
    }
    let css = minify_css(&joined);
    let css_name = format!("{prefix}-{}.css", short_hash(css.as_bytes()));
    fs::write(dist.join(&css_name), &css)?;
    Ok(css_name)
}

/// `sw.js` with this release's precache list (every file of the shell) and a release id derived
/// from the list's content hashes, so a new build is a new service worker.
fn write_service_worker(public: &Path, dist: &Path) -> Result<()> {
    let mut files: Vec<String> = fs::read_dir(dist)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter_map(|p| p.file_name().and_then(|n| n.to_str()).map(str::to_owned))
        .filter(|n| n != "robots.txt")
        .map(|n| format!("/{n}"))
        .collect();
    files.sort();
    // The staff app is cached only on a staff member's first visit of /moderation, not on
    // every citizen's phone.
    let (staff, citizen): (Vec<String>, Vec<String>) = files
        .iter()
        .cloned()
        .partition(|f| f.starts_with("/staff-") || f == "/moderation.html");
    let mut hasher = Sha256::new();
    for f in &files {
        hasher.update(f.as_bytes());
        hasher.update(fs::read(dist.join(f.trim_start_matches('/')))?);
    }
    let release = hex::encode(hasher.finalize())[..16].to_owned();
    let json_list = |files: &[String]| {
        format!(
            "[{}]",
            files
                .iter()
                .map(|f| format!("\"{f}\""))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let list = json_list(&citizen);
    let sw = fs::read_to_string(public.join("sw.js"))?
        .replace("'__RELEASE__'", &format!("'{release}'"))
        .replace("__PRECACHE__", &list)
        .replace("__STAFF__", &json_list(&staff));
    if sw.contains("__RELEASE__") || sw.contains("__PRECACHE__") || sw.contains("__STAFF__") {
        bail!("sw.js has an unfilled placeholder");
    }
    fs::write(dist.join("sw.js"), sw)?;
    fs::write(dist.join("precache.json"), &list)?;
    Ok(())
}

/// Drops comments and layout whitespace from our own (simple) CSS.
fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    [
        ("{ ", "{"),
        (" {", "{"),
        ("; ", ";"),
        (" }", "}"),
        (": ", ":"),
        (", ", ","),
    ]
    .iter()
    .fold(collapsed, |acc, (from, to)| acc.replace(from, to))
}

fn precompress(dist: &Path) -> Result<()> {
    for entry in fs::read_dir(dist)? {
        let path = entry?.path();
        let compressible = path
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| COMPRESSIBLE.contains(&x));
        if !path.is_file() || !compressible {
            continue;
        }
        let data = fs::read(&path)?;
        let mut br = Vec::new();
        {
            let params = brotli::enc::BrotliEncoderParams {
                quality: 11,
                lgwin: 22,
                ..Default::default()
            };
            brotli::BrotliCompress(&mut data.as_slice(), &mut br, &params)?;
        }
        fs::write(with_suffix(&path, "br"), br)?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&data)?;
        fs::write(with_suffix(&path, "gz"), gz.finish()?)?;
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".");
    s.push(suffix);
    PathBuf::from(s)
}

/// What a phone must fetch before the first screen works — the page, the stylesheets, the glue,
/// the split's link file and the main wasm (the first route of each app is in the main
/// module: the start page, the staff queue) — against the budget; then every lazy chunk and
/// the total. Fails over a first-route budget.
fn size(dist: &Path) -> Result<()> {
    let citizen = bundle_size(dist, "app", "index.html", "app-")?;
    let staff = bundle_size(dist, "staff app", "moderation.html", "staff-")?;
    if citizen > CITIZEN_BUDGET_KIB {
        bail!("the app's first route is over budget");
    }
    if staff > STAFF_BUDGET_KIB {
        bail!("the staff app's first route is over budget");
    }
    Ok(())
}

/// Prints one bundle's files (brotli) and returns its first-route size in KiB: the page and
/// the code and stylesheets it links; the chunks named `{prefix}chunk-` (and the citizen pages'
/// stylesheet) are lazy.
fn bundle_size(dist: &Path, what: &str, page: &str, prefix: &str) -> Result<f64> {
    let html = fs::read_to_string(dist.join(page)).with_context(|| format!("reading {page}"))?;
    let mut first = Vec::new();
    let mut lazy = Vec::new();
    for entry in fs::read_dir(dist).with_context(|| format!("reading {}", dist.display()))? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let Some(plain) = name.strip_suffix(".br") else {
            continue;
        };
        let code = [".js", ".wasm", ".css"].iter().any(|x| plain.ends_with(x));
        let len = fs::metadata(&path)?.len() as f64 / 1024.0;
        // The citizen pages' stylesheet is linked with media="print": not needed for the first
        // screen, lazy like the chunks.
        let lazy_sheet = prefix == "app-" && name.starts_with("pages-");
        if code && (name.starts_with(&format!("{prefix}chunk-")) || lazy_sheet) {
            lazy.push((name, len));
        } else if plain == page || (code && html.contains(&format!("\"/{plain}\""))) {
            first.push((name, len));
        }
    }
    if !first.iter().any(|(n, _)| n.ends_with(".wasm.br")) {
        bail!("no {what} in {} (run `cargo xtask dist`)", dist.display());
    }
    first.sort_by(|a, b| a.0.cmp(&b.0));
    lazy.sort_by(|a, b| a.0.cmp(&b.0));
    let sum = |files: &[(String, f64)]| files.iter().map(|(_, l)| l).sum::<f64>();
    let budget = if prefix == "app-" {
        CITIZEN_BUDGET_KIB
    } else {
        STAFF_BUDGET_KIB
    };
    for (name, len) in &first {
        println!("  {name:<44} {len:>8.1} KiB");
    }
    println!(
        "{what}, first route (brotli): {:.1} KiB (budget {budget:.0} KiB)",
        sum(&first)
    );
    for (name, len) in &lazy {
        println!("  {name:<44} {len:>8.1} KiB  (lazy)");
    }
    println!(
        "{what}, {} lazy chunks: {:.1} KiB; total {:.1} KiB",
        lazy.len(),
        sum(&lazy),
        sum(&first) + sum(&lazy)
    );
    Ok(sum(&first))
}
