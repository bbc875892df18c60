use werkconf::db::{Db, describe_tables};

use crate::common::test_data_dir;

/// Both engines end with the same tables, columns and nullability after migrating.
#[test]
fn sqlite_and_postgresql_have_the_same_schema() {
    let Ok(server) = std::env::var("WERKCONF_TEST_DATABASE_URL") else {
        println!("skipped: set WERKCONF_TEST_DATABASE_URL to compare with PostgreSQL");
        return;
    };
    let dir = test_data_dir();
    let sqlite = Db::connect(&dir.join("schema.sqlite").display().to_string(), 1).unwrap();
    let name = format!("werkconf_schema_{}", uuid::Uuid::new_v4().simple());
    let pg_url = werkconf::db::create_postgres_database(&server, &name).unwrap();
    let postgres = Db::connect(&pg_url, 1).unwrap();
    let a = sqlite.run_sync(describe_tables).unwrap();
    let b = postgres.run_sync(describe_tables).unwrap();
    assert!(a.len() >= 4, "tables found: {a:?}");
    assert_eq!(a, b);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn database_urls_choose_the_engine_by_scheme() {
    use werkconf::db::{DbUrl, Engine};
    assert_eq!(
        DbUrl::parse("data/x.sqlite").unwrap().engine(),
        Engine::Sqlite
    );
    assert_eq!(
        DbUrl::parse("sqlite://data/x.sqlite").unwrap(),
        DbUrl::Sqlite("data/x.sqlite".into())
    );
    assert_eq!(
        DbUrl::parse("postgres://u@h/db").unwrap().engine(),
        Engine::Postgres
    );
    assert!(
        DbUrl::parse("mysql://u@h/db").is_err(),
        "unknown schemes are refused"
    );
    assert!(DbUrl::parse("").is_err());
}

#[test]
fn sqlite_durability_is_configurable_and_checked() {
    let dir = test_data_dir();
    let mut settings = werkconf::config::Settings::defaults().database;
    settings.url = dir.join("durable.sqlite").display().to_string();
    settings.sqlite_synchronous = werkconf::config::Synchronous::Full;
    let db = Db::from_settings(&settings).unwrap();
    #[derive(diesel::QueryableByName)]
    struct Sync {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        synchronous: i32,
    }
    let mode = db
        .run_sync(|c| {
            use diesel::RunQueryDsl;
            let werkconf::db::DbConnection::Sqlite(c) = c else {
                unreachable!()
            };
            Ok(diesel::sql_query("PRAGMA synchronous").get_result::<Sync>(c)?)
        })
        .unwrap();
    assert_eq!(mode.synchronous, 2, "FULL");
    // A value that is not a choice is refused when the configuration is read.
    std::fs::write(
        dir.join("local.toml"),
        "[database]\nsqlite_synchronous = \"sometimes\"\n",
    )
    .unwrap();
    let refused = werkconf::config::Settings::load_from(&dir).unwrap_err();
    assert!(format!("{refused:#}").contains("sometimes"), "{refused:#}");
    let _ = std::fs::remove_dir_all(dir);
}
