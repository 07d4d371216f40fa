//! A throwaway PostgreSQL cluster for the tests marked `needs postgres`.
//!
//! The server refuses to run as root, so every step runs as Debian's unprivileged
//! `postgres` user (`runuser -u postgres --`): `initdb` in a fresh temporary folder
//! (trust authentication: it listens on 127.0.0.1 only and lives for one run), the
//! port and socket folder written into its `postgresql.conf` so that a plain
//! `pg_ctl start` brings it back after a test stopped it, then `pg_ctl start -w`.
//! Dropping it stops the server (`pg_ctl stop -m immediate`) and removes the folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::services::{ensure_installed, free_port};
use crate::steps::run;

pub struct Postgres {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
}

impl Postgres {
    /// Installs the server if missing, then creates and starts a cluster.
    pub fn start() -> Result<Self, String> {
        let bin = match server_bin() {
            Some(bin) => bin,
            None => {
                ensure_installed(
                    "pg_ctlcluster",
                    "postgresql",
                    "tests marked `needs postgres` use it",
                )?;
                server_bin()
                    .ok_or("postgresql is installed, but no /usr/lib/postgresql/*/bin/initdb")?
            }
        };
        // A folder of the `postgres` user's own, named for this run; `mkdir` fails
        // rather than reuse one that exists.
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir =
            std::env::temp_dir().join(format!("xtask-postgres-{}-{stamp}", std::process::id()));
        as_postgres_output(Command::new("mkdir").arg("-m").arg("700").arg(&dir))?;
        let port = free_port()?;
        let postgres = Postgres { bin, dir, port };
        // From here on, dropping `postgres` cleans up whatever was made.
        run(as_postgres(&postgres.bin.join("initdb"))
            .args([
                "--auth=trust",
                "--username=postgres",
                "--no-sync",
                "--encoding=UTF8",
            ])
            .arg("-D")
            .arg(postgres.data())
            .stdout(Stdio::null()))?;
        let conf = format!(
            "\n# xtask: a private server for one test run\nlisten_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{}'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n",
            postgres.dir.display()
        );
        // Appended as root: the file stays the `postgres` user's.
        std::fs::OpenOptions::new()
            .append(true)
            .open(postgres.data().join("postgresql.conf"))
            .and_then(|mut file| std::io::Write::write_all(&mut file, conf.as_bytes()))
            .map_err(|e| format!("cannot write postgresql.conf: {e}"))?;
        run(postgres
            .pg_ctl()
            .args(["start", "-w", "-t", "60"])
            .arg("-l")
            .arg(postgres.dir.join("server.log"))
            .stdout(Stdio::null()))?;
        println!(
            "postgresql is up on 127.0.0.1:{port} (cluster in {})",
            postgres.dir.display()
        );
        Ok(postgres)
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn pg_ctl(&self) -> Command {
        let mut command = as_postgres(&self.bin.join("pg_ctl"));
        command.arg("-D").arg(self.data());
        command
    }

    /// `POSTGRES_URL` (the `postgres` database, as superuser), and what a test needs
    /// to stop and start the server.
    pub fn env(&self) -> Vec<(String, String)> {
        vec![
            (
                "POSTGRES_URL".to_owned(),
                format!("postgres://postgres@127.0.0.1:{}/postgres", self.port),
            ),
            ("POSTGRES_BIN".to_owned(), self.bin.display().to_string()),
            (
                "POSTGRES_DATA".to_owned(),
                self.data().display().to_string(),
            ),
        ]
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if self.data().join("postmaster.pid").exists() {
            let _ = self
                .pg_ctl()
                .args(["stop", "-m", "immediate", "-w"])
                .stdout(Stdio::null())
                .status();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
        println!(
            "stopped postgresql on 127.0.0.1:{} and removed its cluster",
            self.port
        );
    }
}

/// `program` run as the `postgres` user.
fn as_postgres(program: &Path) -> Command {
    let mut command = Command::new("runuser");
    command.args(["-u", "postgres", "--"]).arg(program);
    command
}

/// Runs `command` as the `postgres` user and returns what it printed.
fn as_postgres_output(command: &mut Command) -> Result<String, String> {
    let mut full = as_postgres(Path::new(command.get_program()));
    full.args(command.get_args());
    let shown = format!("{full:?}");
    let output = full
        .output()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{shown} exited with {}: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The newest `/usr/lib/postgresql/<version>/bin` that has `initdb`.
fn server_bin() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}
