//! `APP routes`: the route table, like `flask routes`.

use std::io::Write;

use crate::routing::RouteDef;

/// How `routes` sorts its rows (`--sort`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SortBy {
    Endpoint,
    Methods,
    Rule,
}

/// Writes the table: Endpoint, Methods, Rule, aligned, with a dashed rule under the
/// header, as `flask routes` prints it.
pub fn write_table(routes: &[RouteDef], sort: SortBy, out: &mut dyn Write) -> std::io::Result<()> {
    let mut rows: Vec<[String; 3]> = routes
        .iter()
        .map(|r| [r.endpoint(), r.methods.join(", "), r.rule.to_owned()])
        .collect();
    let column = match sort {
        SortBy::Endpoint => 0,
        SortBy::Methods => 1,
        SortBy::Rule => 2,
    };
    rows.sort_by(|a, b| a[column].cmp(&b[column]).then_with(|| a.cmp(b)));
    if rows.is_empty() {
        return writeln!(out, "No routes were registered.");
    }
    let header = ["Endpoint", "Methods", "Rule"];
    let mut widths = header.map(str::len);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.len());
        }
    }
    let line = |cells: [&str; 3]| {
        format!(
            "{:<w0$}  {:<w1$}  {}",
            cells[0],
            cells[1],
            cells[2],
            w0 = widths[0],
            w1 = widths[1]
        )
    };
    writeln!(out, "{}", line(header).trim_end())?;
    let dashes = widths.map(|w| "-".repeat(w));
    writeln!(out, "{}", line([&dashes[0], &dashes[1], &dashes[2]]))?;
    for row in &rows {
        writeln!(out, "{}", line([&row[0], &row[1], &row[2]]).trim_end())?;
    }
    Ok(())
}
