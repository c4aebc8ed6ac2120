//! The layering the README promises, checked on the source tree: the VM reaches the
//! runtime and the builtins only through its seams (`vm::native`, `vm::host`), with one
//! documented back edge (`vm/mod.rs` owns `runtime::Runtime`); threads and processes do
//! not import asyncio; the compiler, the trace and share links are leaves; nothing in the
//! engine names the UI or web APIs.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// Lines of code (not comments) under `dir` that mention any of `needles`, as
/// `file:line: text`, less those `allowed` lists (file suffix, line text).
fn offenders(dir: &str, needles: &[&str], allowed: &[(&str, &str)]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut found = Vec::new();
    for file in rust_files(&root) {
        let text = fs::read_to_string(&file).expect("readable source");
        // Unit tests may use whatever helps them.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (i, line) in code.lines().enumerate() {
            let t = line.trim();
            if t.starts_with("//") || !needles.iter().any(|n| t.contains(n)) {
                continue;
            }
            let name = file.display().to_string();
            if allowed.iter().any(|(f, l)| name.ends_with(f) && t == *l) {
                continue;
            }
            found.push(format!("{name}:{}: {t}", i + 1));
        }
    }
    found
}

#[test]
fn the_vm_reaches_runtime_and_builtins_only_through_its_seams() {
    let found = offenders(
        "src/vm",
        &["crate::runtime", "crate::builtins", "crate::session", "crate::trace", "crate::ui"],
        &[("vm/mod.rs", "use crate::runtime::Runtime;")],
    );
    assert!(found.is_empty(), "the VM names a layer above it:\n{}", found.join("\n"));
}

#[test]
fn threads_and_processes_do_not_import_asyncio() {
    for dir in ["src/runtime/threads", "src/runtime/processes"] {
        let found = offenders(dir, &["asyncio::"], &[]);
        assert!(found.is_empty(), "{dir} imports asyncio:\n{}", found.join("\n"));
    }
}

#[test]
fn the_compiler_trace_and_share_are_leaves() {
    let found = offenders("src/compiler", &["crate::vm", "crate::runtime", "crate::builtins", "crate::trace"], &[]);
    assert!(found.is_empty(), "the compiler depends on a later layer:\n{}", found.join("\n"));
    for dir in ["src/trace", "src/share"] {
        let found = offenders(dir, &["crate::vm", "crate::runtime", "crate::builtins", "crate::ui"], &[]);
        assert!(found.is_empty(), "{dir} depends on the engine or the UI:\n{}", found.join("\n"));
    }
}

#[test]
fn the_engine_never_names_the_ui_or_web_apis() {
    for dir in ["src/vm", "src/runtime", "src/builtins", "src/compiler", "src/trace", "src/share"] {
        let found = offenders(dir, &["yew", "web_sys", "wasm_bindgen", "js_sys", "crate::ui", "crate::workers"], &[]);
        assert!(found.is_empty(), "{dir} names the UI or a web API:\n{}", found.join("\n"));
    }
}
