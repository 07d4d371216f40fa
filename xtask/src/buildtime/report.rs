//! The table of one run, and what cargo's `--timings` report says about the crates.

use std::path::Path;

use serde_json::Value;

/// One of the three builds measured for a profile.
#[derive(Clone, Copy)]
pub enum Measure {
    Clean,
    CleanDepsBuilt,
    Incremental,
}

impl Measure {
    fn label(self) -> &'static str {
        match self {
            Measure::Clean => "clean",
            Measure::CleanDepsBuilt => "clean, deps built",
            Measure::Incremental => "incremental (one handler)",
        }
    }

    /// The target, as the largest ratio to axum that meets it. A clean build
    /// with the dependencies built is a clean build of the app.
    fn target(self) -> f64 {
        match self {
            Measure::Clean | Measure::CleanDepsBuilt => 1.25,
            Measure::Incremental => 1.10,
        }
    }
}

/// Seconds of one measure of one profile, ours then axum.
pub struct Row {
    profile: &'static str,
    measure: Measure,
    seconds: [f64; 2],
}

impl Row {
    pub fn new(profile: &'static str, measure: Measure, seconds: [f64; 2]) -> Self {
        Row {
            profile,
            measure,
            seconds,
        }
    }
}

/// The markdown table of the run.
pub fn table(rows: &[Row], runs: usize) -> String {
    let mut text = format!(
        "Build times, seconds (clean: one run; incremental: the least of {runs})\n\n\
         | profile | measure | ours s | axum s | ratio | target | met? |\n\
         |---|---|---:|---:|---:|---:|---|\n"
    );
    for row in rows {
        let [ours, axum] = row.seconds;
        let ratio = ours / axum;
        let target = row.measure.target();
        text.push_str(&format!(
            "| {} | {} | {ours:.1} | {axum:.1} | {ratio:.2} | <= {target:.2} | {} |\n",
            row.profile,
            row.measure.label(),
            if ratio <= target { "yes" } else { "no" }
        ));
    }
    text
}

/// What cargo's timings report of one build says.
pub struct Timings {
    app: &'static str,
    profile: &'static str,
    measure: &'static str,
    /// The app crate's own compile time.
    own: f64,
    /// The longest units of the build: name, seconds.
    longest: Vec<(String, f64)>,
    /// The whole build, as cargo counted it.
    total: f64,
}

impl Timings {
    /// Reads `target/cargo-timings/cargo-timing.html` (the latest `--timings` run).
    pub fn read(
        dir: &Path,
        app: &'static str,
        profile: &'static str,
        measure: &'static str,
    ) -> Result<Self, String> {
        let path = dir.join("target/cargo-timings/cargo-timing.html");
        let html = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let units = unit_data(&html)
            .ok_or_else(|| format!("{} has no UNIT_DATA cargo can be read from", path.display()))?;
        let mut longest: Vec<(String, f64)> = units
            .iter()
            .filter_map(|unit| {
                let name = unit.get("name")?.as_str()?;
                let mode = unit.get("mode").and_then(Value::as_str).unwrap_or("");
                let seconds = unit.get("duration")?.as_f64()?;
                let label = if mode == "run-custom-build" {
                    format!("{name} (build script run)")
                } else if mode == "build-script" || mode == "custom-build" {
                    format!("{name} (build script)")
                } else {
                    name.to_owned()
                };
                Some((label, seconds))
            })
            .collect();
        let own = longest
            .iter()
            .filter(|(name, _)| name == app)
            .map(|(_, seconds)| seconds)
            .sum();
        let total = units
            .iter()
            .filter_map(|unit| Some(unit.get("start")?.as_f64()? + unit.get("duration")?.as_f64()?))
            .fold(0.0, f64::max);
        longest.sort_by(|a, b| b.1.total_cmp(&a.1));
        longest.truncate(6);
        Ok(Timings {
            app,
            profile,
            measure,
            own,
            longest,
            total,
        })
    }
}

/// The JSON array cargo writes into its report as `const UNIT_DATA = [...];`.
fn unit_data(html: &str) -> Option<Vec<Value>> {
    let (_, after) = html.split_once("const UNIT_DATA = ")?;
    let (json, _) = after.split_once(";\n")?;
    serde_json::from_str::<Vec<Value>>(json).ok()
}

/// The app crates' own times and the longest crates of each timed build.
pub fn timings(all: &[Timings]) -> String {
    let mut text = String::from(
        "Per-crate times from `cargo build --timings` (seconds; rustc on stable cannot split \
         macro expansion from the rest of a crate's compile)\n\n\
         | profile | build | app | app crate | whole build | longest units |\n\
         |---|---|---|---:|---:|---|\n",
    );
    for t in all {
        let longest: Vec<String> = t
            .longest
            .iter()
            .map(|(name, seconds)| format!("{name} {seconds:.1}"))
            .collect();
        text.push_str(&format!(
            "| {} | {} | {} | {:.1} | {:.1} | {} |\n",
            t.profile,
            t.measure,
            t.app,
            t.own,
            t.total,
            longest.join(", ")
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cargo_unit_data() {
        let html = "<script>\nconst UNIT_DATA = [{\"name\":\"a\",\"mode\":\"todo\",\"start\":0.5,\"duration\":2.0}];\nconst CONCURRENCY_DATA = [];\n";
        let units = unit_data(html).unwrap();
        assert_eq!(units[0]["duration"], 2.0);
    }

    #[test]
    fn ratios_are_checked_against_the_targets() {
        let rows = [
            Row::new("debug", Measure::Clean, [12.0, 10.0]),
            Row::new("debug", Measure::Incremental, [12.0, 10.0]),
        ];
        let table = table(&rows, 2);
        assert!(
            table.contains("| debug | clean | 12.0 | 10.0 | 1.20 | <= 1.25 | yes |"),
            "{table}"
        );
        assert!(table.contains("| 1.20 | <= 1.10 | no |"), "{table}");
    }
}
