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
