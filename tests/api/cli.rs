use std::io::Write;
use std::process::{Command, Stdio};

use crate::common::{test_data_dir, test_database_url};

fn create_organiser(db_url: &str, email: &str, password: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_werkconf"))
        .args([
            "create-organiser",
            "--email",
            email,
            "--name",
            "Eline Dekker",
        ])
        .env("WERKCONF__DATABASE__URL", db_url)
        .env("WERKCONF__LOG__LEVEL", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run werkconf");
    writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn create_organiser_reads_the_password_from_stdin() {
    let dir = test_data_dir();
    let url = test_database_url(&dir);
    let out = create_organiser(&url, "eline@example.org", "een lang genoeg wachtwoord");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("aangemaakt"));

    let db = werkconf::db::Db::connect(&url, 1).unwrap();
    let found = db
        .run_sync(|c| werkconf::db::organisers::find_by_email(c, "eline@example.org"))
        .unwrap()
        .expect("organiser stored");
    assert!(werkconf::auth::verify_password(
        "een lang genoeg wachtwoord",
        Some(&found.password_hash)
    ));

    let out = create_organiser(&url, "eline@example.org", "kort");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("minstens 10 tekens"));

    let out = create_organiser(&url, "geen-adres", "een lang genoeg wachtwoord");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--email"));
    let _ = std::fs::remove_dir_all(dir);
}
