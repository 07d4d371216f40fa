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
    /// Every unit cargo ran: its name (with the version, and what it was for a
    /// build script) and its seconds.
    units: Vec<(String, f64)>,
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
        let data = unit_data(&html)
            .ok_or_else(|| format!("{} has no UNIT_DATA cargo can be read from", path.display()))?;
        let units = data.iter().filter_map(unit).collect();
        let total = data
            .iter()
            .filter_map(|unit| Some(unit.get("start")?.as_f64()? + unit.get("duration")?.as_f64()?))
            .fold(0.0, f64::max);
        Ok(Timings {
            app,
            profile,
            measure,
            units,
            total,
        })
    }

    /// The app crate's own compile time.
    fn own(&self) -> f64 {
        let prefix = format!("{} ", self.app);
        self.units
            .iter()
            .filter(|(name, _)| name.starts_with(&prefix))
            .map(|(_, seconds)| seconds)
            .sum()
    }

    /// The `n` longest units, longest first; units cargo found fresh (a few
    /// milliseconds to check them) are left out.
    fn longest(&self, n: usize) -> Vec<&(String, f64)> {
        let mut units: Vec<&(String, f64)> = self
            .units
            .iter()
            .filter(|(_, seconds)| *seconds >= 0.05)
            .collect();
        units.sort_by(|a, b| b.1.total_cmp(&a.1));
        units.truncate(n);
        units
    }
}

/// One unit of cargo's report: `name version`, with what a build script unit did.
fn unit(unit: &Value) -> Option<(String, f64)> {
    let name = unit.get("name")?.as_str()?;
    let version = unit.get("version").and_then(Value::as_str).unwrap_or("");
    let mode = unit.get("mode").and_then(Value::as_str).unwrap_or("");
    let target = unit.get("target").and_then(Value::as_str).unwrap_or("");
    let seconds = unit.get("duration")?.as_f64()?;
    let what = match mode {
        "run-custom-build" => " (build script run)",
        _ if target.contains("build-script") => " (build script)",
        _ => "",
    };
    Some((format!("{name} {version}{what}"), seconds))
}

/// The JSON array cargo writes into its report as `const UNIT_DATA = [...];`.
fn unit_data(html: &str) -> Option<Vec<Value>> {
    let (_, after) = html.split_once("const UNIT_DATA = ")?;
    let (json, _) = after.split_once(";\n")?;
    serde_json::from_str::<Vec<Value>>(json).ok()
}

/// The app crates' own times and the longest units of each timed build.
pub fn timings(all: &[Timings]) -> String {
    let mut text = String::from(
        "Per-crate times from `cargo build --timings` (seconds of each unit; units run two \
         at a time on two cores)\n\n\
         | profile | build | app | app crate | whole build | longest units |\n\
         |---|---|---|---:|---:|---|\n",
    );
    for t in all {
        let longest: Vec<String> = t
            .longest(5)
            .iter()
            .map(|(name, seconds)| format!("{name} {seconds:.1}"))
            .collect();
        text.push_str(&format!(
            "| {} | {} | {} | {:.1} | {:.1} | {} |\n",
            t.profile,
            t.measure,
            t.app,
            t.own(),
            t.total,
            longest.join(", ")
        ));
    }
    text
}

/// What a clean build of ours compiles that axum's does not: the framework's own
/// crates and the dependencies only they pull in, apart from the app crate.
pub fn extra_units(ours: &Timings, axum: &Timings) -> String {
    let theirs: std::collections::HashSet<&str> =
        axum.units.iter().map(|(name, _)| name.as_str()).collect();
    let prefix = format!("{} ", ours.app);
    let mut extra: Vec<&(String, f64)> = ours
        .units
        .iter()
        .filter(|(name, _)| !theirs.contains(name.as_str()) && !name.starts_with(&prefix))
        .collect();
    extra.sort_by(|a, b| b.1.total_cmp(&a.1));
    let seconds: f64 = extra.iter().map(|(_, seconds)| seconds).sum();
    let longest: Vec<String> = extra
        .iter()
        .take(12)
        .map(|(name, seconds)| format!("{name} {seconds:.1}"))
        .collect();
    format!(
        "{}: {} units only ours builds, {seconds:.1} s of compile in all; longest: {}",
        ours.profile,
        extra.len(),
        longest.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_units_with_their_version() {
        let html = "const UNIT_DATA = [{\"name\":\"a\",\"version\":\"1.0.0\",\"mode\":\"run-custom-build\",\"target\":\"\",\"start\":0.5,\"duration\":2.0}];\n";
        let units = unit_data(html).unwrap();
        assert_eq!(
            unit(&units[0]),
            Some(("a 1.0.0 (build script run)".to_owned(), 2.0))
        );
    }

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
