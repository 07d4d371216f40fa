//! The OpenID provider the identity tests sign in with: panva's `oidc-provider`
//! from npm, installed into `test-support/oidc/node_modules` from its lock file.

use std::path::Path;
use std::process::Command;

use crate::services::ensure_installed;
use crate::steps::run;

/// Makes sure Node.js, npm and the provider's packages are there.
pub fn install(root: &Path) -> Result<(), String> {
    ensure_installed(
        "node",
        "nodejs",
        "tests marked `needs oidc-provider` run it",
    )?;
    ensure_installed("npm", "npm", "it installs oidc-provider")?;
    let dir = root.join("test-support").join("oidc");
    let lock = dir.join("package-lock.json");
    // npm writes its own copy of the lock file into node_modules on install.
    let installed = dir.join("node_modules").join(".package-lock.json");
    if !up_to_date(&lock, &installed) {
        println!("installing oidc-provider (npm ci in {})", dir.display());
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir))?;
    }
    println!("oidc-provider is installed; tests start it themselves");
    Ok(())
}

/// Whether `installed` exists and is not older than `lock`.
fn up_to_date(lock: &Path, installed: &Path) -> bool {
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    match (modified(lock), modified(installed)) {
        (Some(lock), Some(installed)) => installed >= lock,
        _ => false,
    }
}
