//! The rate-limit grammar, shared by the `rate_limit = "…"` key of the route and
//! blueprint attributes (checked at compile time) and the `RATE_LIMIT_DEFAULT`
//! setting (checked at startup). Flask-Limiter's notation: `5/minute`,
//! `5 per minute`, `10/5 minutes`, several joined by `;` or `,`
//! (`5/minute; 100/day`). Units: second, minute, hour, day, month (30 days), year
//! (365 days), each also plural.

/// One limit as parsed: `count` requests per `period` seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub count: u32,
    pub period_secs: u64,
}

/// Why a limit does not parse, with the fragment at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecError {
    pub message: String,
}

const UNITS: [(&str, u64); 6] = [
    ("second", 1),
    ("minute", 60),
    ("hour", 3_600),
    ("day", 86_400),
    ("month", 30 * 86_400),
    ("year", 365 * 86_400),
];

const HELP: &str =
    "write limits like \"5/minute\", \"100 per day\" or \"10/5 minutes\", several joined by `;`";

/// Parses every limit of `text`; at least one.
pub fn parse(text: &str) -> Result<Vec<Parsed>, SpecError> {
    let mut limits = Vec::new();
    for part in text.split([';', ',']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        limits.push(parse_one(part)?);
    }
    if limits.is_empty() {
        return Err(SpecError {
            message: format!("a rate limit needs at least one limit; {HELP}"),
        });
    }
    Ok(limits)
}

fn parse_one(part: &str) -> Result<Parsed, SpecError> {
    let bad = |why: &str| SpecError {
        message: format!("invalid rate limit `{part}`: {why}; {HELP}"),
    };
    let (count, rest) = match part.split_once('/') {
        Some((count, rest)) => (count.trim(), rest.trim()),
        None => match part.split_once(" per ") {
            Some((count, rest)) => (count.trim(), rest.trim()),
            None => return Err(bad("expected `COUNT/UNIT` or `COUNT per UNIT`")),
        },
    };
    let count: u32 = count
        .parse()
        .map_err(|_| bad(&format!("`{count}` is not a whole number of requests")))?;
    if count == 0 {
        return Err(bad("the count must be at least 1"));
    }
    let (multiple, unit) = match rest.find(|c: char| !c.is_ascii_digit()) {
        Some(0) => (1, rest),
        Some(i) => {
            let (digits, unit) = rest.split_at_checked(i).unwrap_or((rest, ""));
            let n: u64 = digits
                .parse()
                .map_err(|_| bad(&format!("`{digits}` is too large")))?;
            (n, unit.trim())
        }
        None => return Err(bad("the unit is missing (second, minute, hour, day…)")),
    };
    if multiple == 0 {
        return Err(bad("the period must be at least 1"));
    }
    let singular = unit.strip_suffix('s').unwrap_or(unit);
    let Some((_, seconds)) = UNITS.iter().find(|(name, _)| *name == singular) else {
        return Err(bad(&format!(
            "unknown unit `{unit}` (use second, minute, hour, day, month or year)"
        )));
    };
    let period_secs = multiple
        .checked_mul(*seconds)
        .filter(|s| *s <= 100 * 365 * 86_400)
        .ok_or_else(|| bad("the period is longer than a century"))?;
    Ok(Parsed { count, period_secs })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(count: u32, period_secs: u64) -> Parsed {
        Parsed { count, period_secs }
    }

    #[test]
    fn flask_limiter_notation() {
        assert_eq!(parse("5/minute").unwrap(), [one(5, 60)]);
        assert_eq!(parse("5 per minute").unwrap(), [one(5, 60)]);
        assert_eq!(parse("10/5 minutes").unwrap(), [one(10, 300)]);
        assert_eq!(parse(" 1/second ").unwrap(), [one(1, 1)]);
        assert_eq!(
            parse("5/minute; 100/day, 1000 per month").unwrap(),
            [one(5, 60), one(100, 86_400), one(1000, 30 * 86_400)]
        );
    }

    #[test]
    fn mistakes_say_what_is_wrong() {
        let message = |text: &str| parse(text).unwrap_err().message;
        assert!(message("5/minit").contains("unknown unit `minit`"));
        assert!(message("five/minute").contains("`five` is not a whole number"));
        assert!(message("0/minute").contains("at least 1"));
        assert!(message("5 minutes").contains("expected `COUNT/UNIT`"));
        assert!(message("5/10").contains("unit is missing"));
        assert!(message("").contains("at least one limit"));
        assert!(message("5/0 minutes").contains("period must be at least 1"));
    }
}
