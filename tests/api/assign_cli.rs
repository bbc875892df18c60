//! `werkconf assign` as a user runs it: exit codes, stderr lines, output files.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

fn temp_path(ext: &str) -> PathBuf {
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    std::env::temp_dir().join(format!("werkconf-assign-{}-{n}.{ext}", std::process::id()))
}

fn assign(input: &str, extra: &[&str]) -> Output {
    let path = temp_path("json");
    std::fs::write(&path, input).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_werkconf"))
        .arg("assign")
        .arg("--input")
        .arg(&path)
        .args(extra)
        .output()
        .unwrap();
    std::fs::remove_file(&path).ok();
    out
}

/// Exit 2, nothing on stdout, and one stderr line containing every `needle`.
fn fails_with(input: &str, needles: &[&str]) {
    let out = assign(input, &[]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert!(out.stdout.is_empty());
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    for n in needles {
        assert!(err.contains(n), "{err:?} should mention {n:?}");
    }
}

const INSIGHTS: &str = r#""insights":[{"id":"i1","title":"Ontmoeten"},{"id":"i2","title":"Band"}]"#;
const ROUNDS: &str = r#""rounds":[
  {"id":"r1","groups":[{"id":"r1-a","insight":"i1","capacity":2},{"id":"r1-b","insight":"i2","capacity":2}]},
  {"id":"r2","groups":[{"id":"r2-a","insight":"i1","capacity":2},{"id":"r2-b","insight":"i2","capacity":2}]}]"#;

fn instance(participants: &str) -> String {
    format!(r#"{{{INSIGHTS},{ROUNDS},"participants":[{participants}]}}"#)
}

#[test]
fn malformed_input_names_the_item() {
    fails_with("{not json", &["malformed input"]);
    fails_with(
        r#"{"insights":[{"id":"i1"},{"id":"i1"}],"rounds":[],"participants":[]}"#,
        &["duplicate insight", "\"i1\""],
    );
    fails_with(
        r#"{"insights":[{"id":"i1"}],"rounds":[{"id":"r","groups":[{"id":"g","insight":"i1","capacity":1},{"id":"g","insight":"i1","capacity":1}]}],"participants":[]}"#,
        &["duplicate group", "\"g\""],
    );
    fails_with(
        r#"{"insights":[{"id":"i1"}],"rounds":[{"id":"r","groups":[]},{"id":"r","groups":[]}],"participants":[]}"#,
        &["duplicate round", "\"r\""],
    );
    fails_with(
        &instance(r#"{"id":"p1"},{"id":"p1"}"#),
        &["duplicate participant", "\"p1\""],
    );
    fails_with(
        &instance(r#"{"id":"p1","preferences":["i9"]}"#),
        &["\"p1\"", "unknown insight", "\"i9\""],
    );
    fails_with(
        r#"{"insights":[{"id":"i1"}],"rounds":[{"id":"r","groups":[{"id":"g","insight":"I1","capacity":1}]}],"participants":[]}"#,
        &["group \"g\"", "unknown insight", "\"I1\""],
    );
    fails_with(
        r#"{"insights":[{"id":"i1"}],"rounds":[{"id":"r","groups":[{"id":"g","insight":"i1","capacity":-1}]}],"participants":[]}"#,
        &["\"g\"", "negative capacity"],
    );
    fails_with(
        &instance(r#"{"id":"p1","rounds":["r1"],"fixed":{"r2":"r2-a"}}"#),
        &["\"p1\"", "\"r2\"", "do not attend"],
    );
    fails_with(
        &instance(r#"{"id":"p1","fixed":{"r1":"r2-a"}}"#),
        &["\"p1\"", "\"r2-a\"", "of round \"r2\""],
    );
    fails_with(
        &instance(r#"{"id":"p1","rounds":["r3"]}"#),
        &["\"p1\"", "unknown round", "\"r3\""],
    );
    fails_with(
        &format!(r#"{{{INSIGHTS},{ROUNDS},"participants":[],"weights":{{"unranked":1.5}}}}"#),
        &["weights.unranked"],
    );
}

#[test]
fn a_round_lacking_places_is_reported() {
    let people: Vec<String> = (0..5)
        .map(|k| format!(r#"{{"id":"p{k}","rounds":["r1"]}}"#))
        .collect();
    fails_with(
        &instance(&people.join(",")),
        &["round \"r1\" lacks 1 place", "5 participants"],
    );
}

#[test]
fn impossible_no_repeat_rule_is_reported() {
    // Both rounds offer only insight i1, with room for everyone.
    let json = r#"{"insights":[{"id":"i1"},{"id":"i2"}],"rounds":[
      {"id":"r1","groups":[{"id":"a","insight":"i1","capacity":5}]},
      {"id":"r2","groups":[{"id":"b","insight":"i1","capacity":5},{"id":"c","insight":"i2","capacity":1}]}],
      "participants":[{"id":"p1"},{"id":"p2"}]}"#;
    fails_with(
        json,
        &["no-repeat rule cannot be met although every round has room"],
    );
}

#[test]
fn fixed_placements_breaking_a_hard_constraint_are_reported() {
    fails_with(
        &instance(r#"{"id":"p1","fixed":{"r1":"r1-a","r2":"r2-a"}}"#),
        &["\"p1\"", "insight \"i1\"", "no-repeat"],
    );
    let full: Vec<String> = (0..3)
        .map(|k| format!(r#"{{"id":"p{k}","fixed":{{"r1":"r1-a"}}}}"#))
        .collect();
    fails_with(
        &instance(&full.join(",")),
        &["3 participants", "\"r1-a\"", "capacity 2"],
    );
}

#[test]
fn unreadable_file_exits_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_werkconf"))
        .args(["assign", "--input", "/nonexistent/werkconf.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

const VALID: &str = r#"{"insights":[{"id":"i1"},{"id":"i2"}],
  "rounds":[
    {"id":"r1","groups":[{"id":"r1-a","insight":"i1","capacity":2},{"id":"r1-b","insight":"i2","capacity":2}]},
    {"id":"r2","groups":[{"id":"r2-a","insight":"i1","capacity":2},{"id":"r2-b","insight":"i2","capacity":2}]}],
  "participants":[
    {"id":"p1","discipline":"verloskundige","organisation":"De Wieg","preferences":["i2","i1"]},
    {"id":"p2","discipline":"verloskundige","organisation":"De Wieg","preferences":["i2"]},
    {"id":"p3","discipline":"huisarts","preferences":["i1"],"rounds":["r2"]},
    {"id":"p4","discipline":"kraamzorg","preferences":["i1","i2"],"fixed":{"r1":"r1-b"}}]}"#;

#[test]
fn valid_run_writes_assignment_with_its_cost() {
    let out = assign(VALID, &["--time-limit-ms", "500"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = v["assignments"].as_array().unwrap();
    assert_eq!(a.len(), 7);
    assert!(
        a.iter()
            .any(|x| x["participant"] == "p4" && x["group"] == "r1-b")
    );
    // p4 is pinned to i2 in r1, so takes i1 in r2 with p3, leaving r2-a full: p1 and p2
    // meet i2 together in r2 and i1 together in r1. By hand: preference 2+12+0+0+0+2,
    // discipline 2 x 1, organisation 2 x 3 = 24; every alternative moves p3 off i1 (+12).
    let c = &v["cost"];
    assert_eq!(
        c["total"].as_i64().unwrap(),
        ["preference", "discipline", "organisation"]
            .iter()
            .map(|k| c[k].as_i64().unwrap())
            .sum::<i64>()
    );
    assert_eq!(c["total"], 24);
}

#[test]
fn output_flag_writes_a_file() {
    let path = temp_path("out.json");
    let out = assign(VALID, &["--output", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).ok();
    assert_eq!(text, String::from_utf8(assign(VALID, &[]).stdout).unwrap());
}

#[test]
fn two_runs_are_byte_identical() {
    let mut people = Vec::new();
    for k in 0..60 {
        people.push(format!(
            r#"{{"id":"p{k}","discipline":"d{}","organisation":"o{}","preferences":["i{}","i{}"]}}"#,
            k % 5,
            k % 7,
            k % 2 + 1,
            2 - k % 2
        ));
    }
    let json = format!(
        r#"{{"insights":[{{"id":"i1"}},{{"id":"i2"}},{{"id":"i3"}}],"rounds":[
        {{"id":"r1","groups":[{{"id":"a1","insight":"i1","capacity":25}},{{"id":"b1","insight":"i2","capacity":25}},{{"id":"c1","insight":"i3","capacity":25}}]}},
        {{"id":"r2","groups":[{{"id":"a2","insight":"i1","capacity":25}},{{"id":"b2","insight":"i2","capacity":25}},{{"id":"c2","insight":"i3","capacity":25}}]}}],
        "participants":[{}]}}"#,
        people.join(",")
    );
    let first = assign(&json, &[]);
    assert_eq!(first.status.code(), Some(0));
    assert_eq!(first.stdout, assign(&json, &[]).stdout);
}
