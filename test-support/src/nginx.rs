//! nginx in front of app instances, as a load balancer would be.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::{Running, wait_for_port};

/// A running nginx, stopped (workers included) when dropped.
pub struct Nginx(Option<Running>);

impl Drop for Nginx {
    fn drop(&mut self) {
        if let Some(master) = self.0.take() {
            // SIGTERM: the master stops its workers, then itself.
            master.terminate();
        }
    }
}

/// Starts nginx on 127.0.0.1:`port`, balancing round-robin over the `upstreams`
/// ports, with its configuration, logs and pid file in `dir`.
pub fn start_nginx(dir: &Path, port: u16, upstreams: &[u16]) -> Nginx {
    let servers: String = upstreams
        .iter()
        .map(|p| format!("        server 127.0.0.1:{p};\n"))
        .collect();
    let site = format!(
        "upstream app {{\n{servers}    }}\n\
         server {{\n\
             listen 127.0.0.1:{port};\n\
             location / {{\n\
                 proxy_pass http://app;\n\
                 proxy_set_header Host $http_host;\n\
             }}\n\
         }}\n"
    );
    start_nginx_site(dir, port, &site)
}

/// Starts nginx with `site` (what goes inside its `http { }` block: `upstream` and
/// `server` blocks, as a deployment's site file holds) and waits until it listens
/// on 127.0.0.1:`port`. Its process settings, temporary folders, logs and pid file
/// are in `dir`; access logs are off.
///
/// ```no_run
/// let dir = test_support::temp_dir("nginx-doc");
/// let site = "server { listen 127.0.0.1:8080; return 204; }";
/// let _nginx = test_support::nginx::start_nginx_site(&dir, 8080, site);
/// ```
pub fn start_nginx_site(dir: &Path, port: u16, site: &str) -> Nginx {
    let site_path = dir.join("site.conf");
    std::fs::write(&site_path, site).unwrap();
    let config = format!(
        "worker_processes 1;\n\
         error_log {dir}/error.log warn;\n\
         pid {dir}/nginx.pid;\n\
         events {{ worker_connections 1024; }}\n\
         http {{\n\
             access_log off;\n\
             client_body_temp_path {dir}/body;\n\
             proxy_temp_path {dir}/proxy;\n\
             fastcgi_temp_path {dir}/fastcgi;\n\
             uwsgi_temp_path {dir}/uwsgi;\n\
             scgi_temp_path {dir}/scgi;\n\
             include {site};\n\
         }}\n",
        dir = dir.display(),
        site = site_path.display(),
    );
    let path = dir.join("nginx.conf");
    std::fs::write(&path, config).unwrap();
    let running = Running::spawn(
        Command::new("nginx")
            .args(["-e", &dir.join("error.log").display().to_string()])
            .args([
                "-p",
                &dir.display().to_string(),
                "-c",
                &path.display().to_string(),
            ])
            .args(["-g", "daemon off;"])
            .stdout(Stdio::null()),
        "nginx (cargo xtask test installs it)",
    );
    wait_for_port(port, "nginx");
    Nginx(Some(running))
}
