//! Architecture test: imports between the top-level modules of `src/` must
//! point down the layers. Std only, no `werkconf::` imports, so it compiles
//! standalone with `rustc --edition 2024 --test tests/architecture.rs`.
//!
//! Chain: cli -> startup -> routes -> {flows, views} -> {db, mail, calendar,
//! cache} -> domain -> {i18n, tz}. A module may import modules of a strictly
//! lower rank, and itself.

use std::fs;
use std::path::{Path, PathBuf};

/// Layer table, rank x10 (low = lower layer). Every module under `src/` must be
/// listed here, so a new module gets a deliberate place.
const RANKS: &[(&str, u32)] = &[
    ("tz", 0),
    ("i18n", 5), // i18n may import tz; tz imports nothing
    ("domain", 10),
    ("assign", 10), // pure: special-cased in `allowed`, imports nothing of the crate
    // Infrastructure over the domain. Within it, db is the bottom: the outbox, the cache
    // and mail text are made of rows.
    ("clock", 15),
    ("auth", 15),
    ("calendar", 20),
    ("db", 20),
    ("mail", 24),
    ("cache", 24),
    ("notify", 26), // the text of every participant mail
    ("config", 20),
    ("telemetry", 20),
    ("flows", 30),
    ("views", 30), // same rank as flows, so views never imports routes
    ("jobs", 32),  // background jobs run flows
    ("live", 24),  // the hub of live events: after-commit infrastructure, like the cache
    ("state", 34), // AppState: what every handler shares
    ("routes", 40),
    ("startup", 50),
    ("demo", 50),
    ("cli", 60),
    ("main", 60),
    ("lib", 60), // skipped by the scan (main uses `werkconf::`, lib only has `pub mod`)
];

/// Same-rank utilities: importable by every module of rank >= 20.
const SHARED: &[&str] = &["config", "telemetry"];

fn rank(module: &str) -> Option<u32> {
    RANKS.iter().find(|(m, _)| *m == module).map(|&(_, r)| r)
}

/// The crate modules `module` may import, derived from the ranks; None if the
/// module is not in the table.
fn allowed(module: &str) -> Option<Vec<&'static str>> {
    let r = rank(module)?;
    if module == "assign" {
        return Some(vec!["assign"]); // pure: only itself
    }
    let mut out: Vec<&'static str> = RANKS
        .iter()
        .filter(|&&(m, mr)| mr < r || m == module || (r >= 20 && SHARED.contains(&m)))
        .map(|&(m, _)| m)
        .collect();
    out.sort();
    Some(out)
}

/// Replaces comments, string and char literals by spaces (keeping newlines),
/// so `crate::` inside them is not counted and line numbers stay right.
fn code_only(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, ch: char| out.push(if ch == '\n' { '\n' } else { ' ' });
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let mut i = 0;
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                blank(&mut out, c[i]);
                i += 1;
            }
        } else if c[i] == '/' && next == Some('*') {
            let mut depth = 0; // block comments nest in Rust
            while i < c.len() {
                let pair = (c[i], c.get(i + 1).copied());
                depth += match pair {
                    ('/', Some('*')) => 1,
                    ('*', Some('/')) => -1,
                    _ => 0,
                };
                let step = if matches!(pair, ('/', Some('*')) | ('*', Some('/'))) {
                    2
                } else {
                    1
                };
                c[i..i + step].iter().for_each(|&ch| blank(&mut out, ch));
                i += step;
                if depth == 0 {
                    break;
                }
            }
        } else if c[i] == 'r'
            && (i == 0 || !ident(c[i - 1]) || (c[i - 1] == 'b' && (i < 2 || !ident(c[i - 2]))))
            && matches!(next, Some('"') | Some('#'))
        {
            // Raw string r"..." / r#"..."#: ends at a quote followed by as many hashes.
            let mut j = i + 1;
            while j < c.len() && c[j] == '#' {
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]); // e.g. r#ident
                i += 1;
                continue;
            }
            let hashes = j - i - 1;
            let mut k = j + 1;
            while k < c.len()
                && !(c[k] == '"'
                    && c[k + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&h| h == '#')
                        .count()
                        == hashes)
            {
                k += 1;
            }
            let end = (k + 1 + hashes).min(c.len());
            c[i..end].iter().for_each(|&ch| blank(&mut out, ch));
            i = end;
        } else if c[i] == '"' {
            blank(&mut out, c[i]);
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' && i + 1 < c.len() {
                    blank(&mut out, c[i]);
                    i += 1;
                }
                blank(&mut out, c[i]);
                i += 1;
            }
            if i < c.len() {
                blank(&mut out, c[i]);
                i += 1;
            }
        } else if c[i] == '\'' && (next == Some('\\') || c.get(i + 2) == Some(&'\'')) {
            // Char literal ('"', '\n', '\u{..}'); otherwise it is a lifetime.
            let mut j = i + 2;
            while j < c.len() && c[j] != '\'' {
                j += 1;
            }
            let end = (j + 1).min(c.len());
            c[i..end].iter().for_each(|&ch| blank(&mut out, ch));
            i = end;
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// All `crate::<module>` references as (line, module), including `use` lines,
/// expressions like `crate::db::now()` and `use crate::{a, b::C}` groups.
fn crate_refs(text: &str) -> Vec<(usize, String)> {
    let code: Vec<char> = code_only(text).chars().collect();
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let line_at = |pos: usize| code[..pos].iter().filter(|&&ch| ch == '\n').count() + 1;
    let word_at = |mut p: usize| {
        while p < code.len() && code[p].is_whitespace() {
            p += 1;
        }
        let start = p;
        while p < code.len() && (ident(code[p]) || code[p] == '*') {
            p += 1;
        }
        (start, code[start..p].iter().collect::<String>())
    };
    let pat: Vec<char> = "crate".chars().collect();
    let mut refs = Vec::new();
    let mut i = 0;
    while i + pat.len() <= code.len() {
        let hit = code[i..i + pat.len()] == pat[..]
            && (i == 0 || !(ident(code[i - 1]) || code[i - 1] == '$' || code[i - 1] == ':'));
        let mut j = i + pat.len();
        while hit && j < code.len() && code[j].is_whitespace() {
            j += 1;
        }
        if !hit || code.get(j) != Some(&':') || code.get(j + 1) != Some(&':') {
            i += 1;
            continue;
        }
        let (start, word) = word_at(j + 2);
        if !word.is_empty() {
            refs.push((line_at(start), word));
        } else if code.get(start) == Some(&'{') {
            // Brace group: the first word of each top-level item is a module.
            let (mut k, mut depth, mut item_start) = (start + 1, 1, true);
            while k < code.len() && depth > 0 {
                match code[k] {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 1 => item_start = true,
                    ch if item_start && depth == 1 && !ch.is_whitespace() => {
                        item_start = false;
                        let (s, w) = word_at(k);
                        if !w.is_empty() && w != "self" {
                            refs.push((line_at(s), w));
                        }
                    }
                    _ => {}
                }
                k += 1;
            }
        }
        i = j + 2;
    }
    refs
}

/// Checks one file of `module`; returns violations as `label:line: ...`.
fn check_file(label: &str, module: &str, text: &str) -> Vec<String> {
    let Some(ok) = allowed(module) else {
        return vec![format!(
            "{label}:1: module `{module}` is not in the layer table of tests/architecture.rs"
        )];
    };
    let mut out = Vec::new();
    for (line, target) in crate_refs(text) {
        if rank(&target).is_none() {
            out.push(format!(
                "{label}:{line}: {module} imports `{target}`, which is not in the layer table"
            ));
        } else if !ok.contains(&target.as_str()) {
            out.push(format!(
                "{label}:{line}: {module} imports {target} ({module} may import: {})",
                ok.join(", ")
            ));
        }
    }
    out
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .expect("read src dir")
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn imports_point_down_the_layers() {
    // CARGO_MANIFEST_DIR is absent under plain rustc: fall back to the cwd.
    let root = option_env!("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::current_dir().unwrap());
    let src = root.join("src");
    let mut files = Vec::new();
    rs_files(&src, &mut files);
    assert!(!files.is_empty(), "no .rs files under {}", src.display());
    let mut violations = Vec::new();
    for path in &files {
        let rel = path.strip_prefix(&src).unwrap();
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.len() == 1 && (parts[0] == "lib.rs" || parts[0] == "main.rs") {
            continue; // lib.rs only declares modules; main.rs uses `werkconf::`
        }
        let module = parts[0].trim_end_matches(".rs");
        let text = fs::read_to_string(path).unwrap();
        violations.extend(check_file(
            &format!("src/{}", parts.join("/")),
            module,
            &text,
        ));
    }
    // One assert at the end, so the list is complete.
    assert!(
        violations.is_empty(),
        "{} layering violation(s):\n{}\n",
        violations.len(),
        violations.join("\n")
    );
}

#[test]
fn checker_detects_a_violation() {
    let text = "//! crate::routes in a doc comment\n\
                use crate::db::Db;\n\
                use crate::{i18n::Msg, flows};\n\
                fn f() { let s = \"crate::cli\"; let c = '\"'; crate::startup::run(); /* crate::views */ }\n\
                use crate::domain::X; use crate::tz;\n";
    let v = check_file("src/domain/fake.rs", "domain", text);
    assert_eq!(v.len(), 3, "{v:#?}");
    assert!(
        v[0].starts_with("src/domain/fake.rs:2: domain imports db (domain may import: "),
        "{}",
        v[0]
    );
    assert!(
        v[1].starts_with("src/domain/fake.rs:3: domain imports flows"),
        "{}",
        v[1]
    );
    assert!(
        v[2].starts_with("src/domain/fake.rs:4: domain imports startup"),
        "{}",
        v[2]
    );
    assert_eq!(
        check_file("src/assign/x.rs", "assign", "use crate::domain::A;").len(),
        1
    );
    assert!(check_file("src/nope.rs", "nope", "")[0].contains("not in the layer table"));
}
