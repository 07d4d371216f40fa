//! Integration tests: the framework's Flask semantics through the test client, and
//! serving over a real socket.
#![forbid(unsafe_code)]

mod app_settings;
mod blocking;
mod blueprint_copies;
mod blueprint_static;
mod cli;
mod config;
mod cookies;
mod devmode;
mod error_lookup;
mod errors;
mod faults;
mod flask_basic;
mod flask_blueprints;
mod flask_helpers;
mod flask_json;
mod flask_reqctx;
mod flask_testing;
mod flask_user_error_handler;
mod flask_views;
mod hooks;
mod input;
mod limits;
mod multi_rules;
mod nested;
mod panics;
mod pipeline;
mod proxies;
mod rate_limit;
mod rate_limit_redis;
mod reload;
mod reload_cargo;
mod responses;
mod route_options;
mod routing;
mod security_headers;
mod serve;
mod shop;
mod static_files;
mod support;
mod templates;
mod testing;
