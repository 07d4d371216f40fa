//! Configuration: defaults, environment over file, typed app settings, and errors
//! that name the setting.

use framework_core::config::{Config, ConfigError, Mode};
use serde::Deserialize;

fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn defaults_without_settings() {
    let config = Config::from_vars(vars(&[])).unwrap();
    assert_eq!(config.mode, Mode::Development);
    assert_eq!(config.address(), "127.0.0.1:5000");
    assert_eq!(config.secret_key, None);
}

#[test]
fn a_bad_port_names_the_variable() {
    let error = Config::from_vars(vars(&[("PORT", "abc")])).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("PORT"), "{message}");
    assert!(message.contains("abc"), "{message}");
    let error = Config::from_vars(vars(&[("PORT", "70000")])).unwrap_err();
    assert!(error.to_string().contains("PORT"), "{error}");
}

#[test]
fn a_bad_mode_names_app_env_and_the_choices() {
    let error = Config::from_vars(vars(&[("APP_ENV", "staging")])).unwrap_err();
    assert!(matches!(error, ConfigError::Mode { .. }));
    assert_eq!(
        error.to_string(),
        "APP_ENV must be \"development\" or \"production\", got \"staging\""
    );
}

fn temp_file(name: &str, contents: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("framework-config-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("config.toml");
    std::fs::write(&path, contents).unwrap();
    path
}

#[derive(Deserialize)]
struct Settings {
    database: String,
    #[serde(default)]
    workers: u32,
}

#[test]
fn the_file_is_read_and_the_environment_wins() {
    let path = temp_file(
        "file",
        "port = 8000\nsecret_key = \"from-file\"\ndatabase = \"file.db\"\nworkers = 2\n",
    );
    let file = path.to_str().unwrap();
    let config = Config::from_vars(vars(&[("CONFIG_FILE", file), ("PORT", "9000")])).unwrap();
    assert_eq!(config.port, 9000);
    assert_eq!(config.secret_key.as_deref(), Some("from-file"));
    let settings: Settings = config.settings().unwrap();
    assert_eq!(
        (settings.database.as_str(), settings.workers),
        ("file.db", 2)
    );

    let config = Config::from_vars(vars(&[("CONFIG_FILE", file), ("DATABASE", "env.db")])).unwrap();
    assert_eq!(config.settings::<Settings>().unwrap().database, "env.db");
}

#[test]
fn a_missing_file_is_an_error_naming_config_file() {
    let error = Config::from_vars(vars(&[("CONFIG_FILE", "/nonexistent/app.toml")])).unwrap_err();
    assert_eq!(
        error.to_string(),
        "CONFIG_FILE names /nonexistent/app.toml, which does not exist"
    );
}

#[test]
fn a_broken_file_is_an_error_naming_the_file() {
    let path = temp_file("broken", "port = \n");
    let error = Config::from_vars(vars(&[("CONFIG_FILE", path.to_str().unwrap())])).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("config.toml"), "{message}");
}

#[test]
fn a_bad_app_setting_names_the_variable() {
    let config = Config::from_vars(vars(&[("DATABASE", "x"), ("WORKERS", "lots")])).unwrap();
    let message = config.settings::<Settings>().err().unwrap().to_string();
    assert!(message.contains("WORKERS"), "{message}");
    let config = Config::from_vars(vars(&[])).unwrap();
    let message = config.settings::<Settings>().err().unwrap().to_string();
    assert!(message.contains("database"), "{message}");
}

#[test]
fn a_number_for_a_text_setting_stays_text() {
    let config = Config::from_vars(vars(&[("SECRET_KEY", "0123456789"), ("HOST", "::1")])).unwrap();
    assert_eq!(config.secret_key.as_deref(), Some("0123456789"));
    assert_eq!(config.address(), "[::1]:5000");
}

#[test]
fn a_missing_setting_names_the_variable_and_the_key() {
    let config = Config::from_vars(vars(&[])).unwrap();
    let message = config.settings::<Settings>().err().unwrap().to_string();
    assert_eq!(
        message,
        "configuration error: DATABASE is not set (an environment variable, or `database` in the CONFIG_FILE)"
    );
}

#[derive(Deserialize)]
struct Nested {
    mail: Mail,
    #[serde(default)]
    admins: Vec<String>,
}

#[derive(Deserialize)]
struct Mail {
    server: String,
    port: u16,
}

#[test]
fn a_table_of_the_file_is_a_struct_and_its_errors_name_the_key_and_file() {
    let path = temp_file("nested", "[mail]\nserver = \"smtp.internal\"\nport = 587\n");
    let file = path.to_str().unwrap();
    let config = Config::from_vars(vars(&[("CONFIG_FILE", file), ("ADMINS", "ann, bo")])).unwrap();
    let settings: Nested = config.settings().unwrap();
    assert_eq!(
        (settings.mail.server.as_str(), settings.mail.port),
        ("smtp.internal", 587)
    );
    assert_eq!(
        settings.admins,
        ["ann", "bo"],
        "a list from the environment is comma-separated"
    );

    let path = temp_file(
        "nested-bad",
        "[mail]\nserver = \"smtp.internal\"\nport = \"x\"\n",
    );
    let config = Config::from_vars(vars(&[("CONFIG_FILE", path.to_str().unwrap())])).unwrap();
    let message = config.settings::<Nested>().err().unwrap().to_string();
    assert!(
        message.starts_with("configuration error: `mail` in "),
        "{message}"
    );
    assert!(message.contains("config.toml"), "{message}");
    assert!(message.contains("expected u16"), "{message}");
}

#[test]
fn a_type_error_in_the_file_names_the_key_and_the_environment_wins_over_it() {
    let path = temp_file("typed", "port = \"eighty\"\n");
    let file = path.to_str().unwrap();
    let message = Config::from_vars(vars(&[("CONFIG_FILE", file)]))
        .unwrap_err()
        .to_string();
    assert!(
        message.starts_with("configuration error: `port` in "),
        "{message}"
    );
    assert!(message.contains("\"eighty\""), "{message}");
    let config = Config::from_vars(vars(&[("CONFIG_FILE", file), ("PORT", "8080")])).unwrap();
    assert_eq!(config.port, 8080);
}

#[test]
fn an_environment_type_error_names_the_variable_and_what_was_expected() {
    let message = Config::from_vars(vars(&[("PORT", "70000")]))
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "configuration error: PORT (environment variable): invalid value: string \"70000\", expected u16"
    );
}

#[test]
fn the_debug_form_shows_no_secret() {
    let config = Config::from_vars(vars(&[
        ("SECRET_KEY", "hunter2-hunter2"),
        ("API_TOKEN", "t0ken"),
    ]))
    .unwrap();
    let debug = format!("{config:?}");
    assert!(
        !debug.contains("hunter2") && !debug.contains("t0ken"),
        "{debug}"
    );
    assert!(debug.contains("API_TOKEN"), "{debug}");
}

#[test]
fn a_map_takes_every_setting() {
    let path = temp_file("map", "theme = \"dark\"\n");
    let file = path.to_str().unwrap();
    let config = Config::from_vars(vars(&[("CONFIG_FILE", file), ("FEATURE_X", "on")])).unwrap();
    let all: std::collections::BTreeMap<String, String> = config.settings().unwrap();
    assert_eq!(all.get("theme").map(String::as_str), Some("dark"));
    assert_eq!(all.get("feature_x").map(String::as_str), Some("on"));
}
