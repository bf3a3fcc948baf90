//! Short import names. wasm-bindgen names each JS function the module imports
//! `__wbg_{name}_{16 hex digits}` (or `__wbindgen_…`) and the glue's module `./{stem}_bg.js`;
//! every name is written twice, in the wasm's import section and as a key of the glue's import
//! object, and the hex digits do not compress. Renaming both to short names (`a`, `b`, … `aB`)
//! takes about 3 KiB (brotli) off each app's first route without touching any code.

use anyhow::{bail, Context, Result};

/// The main module and its glue with the imports of `module` renamed consistently. A name is
/// renamed only where the glue holds it exactly once, as a key (`name:`); the module's key
/// (`"module":`) likewise. Anything else is left as it was.
pub fn shorten(wasm: &[u8], glue: &str, module: &str) -> Result<(Vec<u8>, String)> {
    if wasm.get(..8) != Some(b"\0asm\x01\0\0\0".as_slice()) {
        bail!("not a wasm module");
    }
    let module_key = format!("\"{module}\":");
    let new_module = if glue.matches(&module_key).count() == 1 && !glue.contains("\"w\"") {
        "w"
    } else {
        module
    };
    let mut glue = glue.replacen(&module_key, &format!("\"{new_module}\":"), 1);
    let mut out = wasm[..8].to_vec();
    let mut at = 8;
    let mut next = 0usize;
    while at < wasm.len() {
        let id = wasm[at];
        let (size, body) = leb(wasm, at + 1)?;
        let end = body + size as usize;
        let section = wasm.get(body..end).context("truncated section")?;
        if id == 2 {
            let renamed = imports(section, module, new_module, &mut glue, &mut next)?;
            out.push(2);
            push_leb(&mut out, renamed.len() as u32);
            out.extend_from_slice(&renamed);
        } else {
            out.extend_from_slice(&wasm[at..end]);
        }
        at = end;
    }
    Ok((out, glue))
}

/// The import section with the names renamed (and the glue's keys with them).
fn imports(
    section: &[u8],
    module: &str,
    new_module: &str,
    glue: &mut String,
    next: &mut usize,
) -> Result<Vec<u8>> {
    let (count, mut at) = leb(section, 0)?;
    let mut out = Vec::with_capacity(section.len());
    push_leb(&mut out, count);
    for _ in 0..count {
        let (from, after) = name(section, at)?;
        let (field, desc) = name(section, after)?;
        let desc_end = desc_len(section, desc)?;
        let mut field = field.to_owned();
        if from == module {
            if field.starts_with("__wbg") && renamable(glue, &field) {
                let short = short_name(*next);
                *next += 1;
                *glue = glue.replacen(&format!("{field}:"), &format!("{short}:"), 1);
                field = short;
            }
            push_name(&mut out, new_module);
        } else {
            push_name(&mut out, from);
        }
        push_name(&mut out, &field);
        out.extend_from_slice(&section[desc..desc_end]);
        at = desc_end;
    }
    if at != section.len() {
        bail!("unexpected bytes after the imports");
    }
    Ok(out)
}

/// A name that occurs in the glue once, as an object key on a line of its own.
fn renamable(glue: &str, field: &str) -> bool {
    glue.matches(field).count() == 1
        && glue
            .find(&format!("{field}:"))
            .is_some_and(|i| glue[..i].ends_with(|c: char| c.is_whitespace() || c == '{'))
}

/// `a` … `Z`, then `aa`, `ab`, …: short, distinct, never a leading digit.
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = vec![LETTERS[n % LETTERS.len()]];
    n /= LETTERS.len();
    while n > 0 {
        n -= 1;
        name.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
    }
    String::from_utf8(name).expect("ascii")
}

/// The end of an import's description (function, table, memory, global or tag).
fn desc_len(b: &[u8], at: usize) -> Result<usize> {
    let kind = *b.get(at).context("truncated import")?;
    let limits = |at: usize| -> Result<usize> {
        let flags = *b.get(at).context("truncated limits")?;
        let (_, at) = leb(b, at + 1)?;
        Ok(if flags & 1 == 1 { leb(b, at)?.1 } else { at })
    };
    Ok(match kind {
        0 => leb(b, at + 1)?.1,
        1 => limits(at + 2)?,
        2 => limits(at + 1)?,
        3 => at + 3,
        4 => leb(b, at + 2)?.1,
        other => bail!("unknown import kind {other}"),
    })
}

fn name(b: &[u8], at: usize) -> Result<(&str, usize)> {
    let (len, at) = leb(b, at)?;
    let end = at + len as usize;
    let s = std::str::from_utf8(b.get(at..end).context("truncated name")?)?;
    Ok((s, end))
}

fn push_name(out: &mut Vec<u8>, s: &str) {
    push_leb(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

fn leb(b: &[u8], mut at: usize) -> Result<(u32, usize)> {
    let mut value = 0u32;
    let mut shift = 0;
    loop {
        let byte = *b.get(at).context("truncated LEB128")?;
        at += 1;
        value |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok((value, at));
        }
        shift += 7;
        if shift > 28 {
            bail!("LEB128 too long");
        }
    }
}

fn push_leb(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing two functions and a memory from the glue's module and one function
    /// from elsewhere, as wasm-bindgen and wasm_split write them.
    fn module() -> Vec<u8> {
        let mut section = Vec::new();
        push_leb(&mut section, 4);
        for (m, f, desc) in [
            ("./x_bg.js", "__wbg_get_0123456789abcdef", &[0u8, 1][..]),
            ("./x_bg.js", "__wbg_set_fedcba9876543210", &[0, 2][..]),
            (
                "./x_bg.js",
                "__wbg_mem_0000000000000000",
                &[2, 1, 17, 0x80, 1][..],
            ),
            ("./split.js", "__wasm_split_load_more", &[0, 0][..]),
        ] {
            push_name(&mut section, m);
            push_name(&mut section, f);
            section.extend_from_slice(desc);
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 1, 0]); // a type section (not read)
        wasm.push(2);
        push_leb(&mut wasm, section.len() as u32);
        wasm.extend_from_slice(&section);
        wasm
    }

    #[test]
    fn renames_imports_in_the_module_and_the_glue_alike() {
        let glue = "const i = {\n  __wbg_get_0123456789abcdef: function() {},\n  \
                    __wbg_set_fedcba9876543210: function() {},\n  \
                    __wbg_mem_0000000000000000: m,\n};\n\
                    const imports = { \"./x_bg.js\": i };\n";
        let (wasm, glue) = shorten(&module(), glue, "./x_bg.js").expect("shorten");
        assert!(glue.contains("  a: function"), "{glue}");
        assert!(glue.contains("  b: function"), "{glue}");
        assert!(glue.contains("  c: m"), "{glue}");
        assert!(glue.contains("{ \"w\": i }"), "{glue}");
        assert!(!glue.contains("__wbg_"), "{glue}");
        let text = String::from_utf8_lossy(&wasm[8 + 3..]);
        assert!(!text.contains("__wbg_"), "{text}");
        assert!(text.contains("__wasm_split_load_more"), "{text}");
        assert!(text.contains("./split.js"), "{text}");
        // Re-parsed, the module still has four imports with the same descriptions.
        let (renamed, _) = shorten(&wasm, &glue, "w").expect("shorten");
        assert_eq!(renamed, wasm, "a second pass finds nothing left to rename");
    }

    #[test]
    fn a_name_used_twice_in_the_glue_is_left_alone() {
        let glue = "const i = {\n  __wbg_get_0123456789abcdef: f,\n};\n\
                    __wbg_get_0123456789abcdef();\n\"./x_bg.js\": i\n";
        let (wasm, glue) = shorten(&module(), glue, "./x_bg.js").expect("shorten");
        assert!(glue.matches("__wbg_get_0123456789abcdef").count() == 2);
        assert!(String::from_utf8_lossy(&wasm).contains("__wbg_get_0123456789abcdef"));
    }

    #[test]
    fn short_names_are_distinct() {
        let names: std::collections::HashSet<String> = (0..3000).map(short_name).collect();
        assert_eq!(names.len(), 3000);
        assert_eq!(short_name(0), "a");
        assert_eq!(short_name(52), "aa");
    }
}
