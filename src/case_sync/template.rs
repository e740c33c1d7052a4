//! Custom attribute matching templates, as the case-sync workflow reads them: a JSON
//! object whose string values are `{{steps.1.path}}` interpolations (text), a whole-value
//! `/#steps.1.path` (the value, typed), or `/#fn:name,steps.1.path` (a function applied).
//! Every problem is reported with its place, because the workflow itself fails silently.

use serde_json::{Map, Value};

/// A problem in a template, with where it is (`Body.Kustomer_Effort__c`, `line 3,
/// column 5`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub place: String,
    pub message: String,
}

impl Diagnostic {
    fn new(place: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { place: place.into(), message: message.into() }
    }
}

/// Reads a template given as a JSON object or as the text the admin typed.
pub fn parse(template: &Value, name: &str) -> Result<Map<String, Value>, Diagnostic> {
    match template {
        Value::Object(map) => Ok(map.clone()),
        Value::String(text) => parse_text(text, name),
        _ => Err(Diagnostic::new(name, "expected a JSON object")),
    }
}

fn parse_text(text: &str, name: &str) -> Result<Map<String, Value>, Diagnostic> {
    match crate::json::parse(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Diagnostic::new(name, "expected a JSON object ({ … })")),
        Err(error) => {
            let place = format!("{name}, line {}, column {}", error.line, error.column);
            let curly = text.chars().any(|c| matches!(c, '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}'));
            let message = if curly {
                "the template uses curly quotes (“ ” or ‘ ’); JSON needs straight double quotes (\")".to_string()
            } else if error.to_string().contains("expected `,` or `}`") {
                "a comma is missing between two entries".to_string()
            } else {
                let detail = error.to_string();
                let detail = detail.split(" at line ").next().unwrap_or(&detail).to_string();
                format!("not valid JSON: {detail}")
            };
            Err(Diagnostic::new(place, message))
        }
    }
}

/// Evaluates every value of a template against `steps.1` (the conversation). Values
/// that cannot be resolved are left out of the result, and each is reported.
pub fn evaluate(template: &Map<String, Value>, step: &Value, name: &str) -> (Map<String, Value>, Vec<Diagnostic>) {
    let mut out = Map::new();
    let mut diagnostics = Vec::new();
    for (key, value) in template {
        let place = format!("{name}.{key}");
        match value {
            Value::String(text) => match resolve(text, step) {
                Ok(resolved) => {
                    out.insert(key.clone(), resolved);
                }
                Err(message) => diagnostics.push(Diagnostic::new(place, message)),
            },
            other => {
                out.insert(key.clone(), other.clone());
            }
        }
    }
    (out, diagnostics)
}

fn resolve(text: &str, step: &Value) -> Result<Value, String> {
    if let Some(expression) = text.strip_prefix("/#") {
        return match expression.strip_prefix("fn:") {
            Some(call) => {
                let (function, path) = call
                    .split_once(',')
                    .ok_or_else(|| format!("`{text}` needs a function and a path: /#fn:parseInt,steps.1.path"))?;
                let value = lookup(path.trim(), step)?;
                apply(function.trim(), &value, path.trim())
            }
            None => lookup(expression.trim(), step),
        };
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find("}}").ok_or_else(|| format!("`{{{{` without a closing `}}}}` in `{text}`"))?;
        let value = lookup(after[..end].trim(), step)?;
        out.push_str(&as_text(&value));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(Value::String(out))
}

/// A value at `steps.1.a.b`; the workflow has one step, the conversation.
fn lookup(path: &str, step: &Value) -> Result<Value, String> {
    let Some(inner) = path.strip_prefix("steps.1.").or_else(|| (path == "steps.1").then_some("")) else {
        return Err(format!(
            "`{path}` does not start with steps.1 (the conversation), the only step this workflow has"
        ));
    };
    let found = if inner.is_empty() { Some(step) } else { crate::json::at(step, inner) };
    match found {
        Some(Value::Null) | None => Err(format!("{path} resolves to nothing on this conversation")),
        Some(value) => Ok(value.clone()),
    }
}

fn as_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => crate::json::compact(other),
    }
}

fn apply(function: &str, value: &Value, path: &str) -> Result<Value, String> {
    match function {
        "parseInt" => parse_int(value)
            .map(Value::from)
            .ok_or_else(|| format!("parseInt cannot read {} (from {path}) as a number", crate::json::compact(value))),
        other => Err(format!("there is no function `{other}` (known: parseInt)")),
    }
}

/// JavaScript's `parseInt(value, 10)`: the leading integer of a string, a number cut to
/// an integer.
fn parse_int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(number) => {
            number.as_i64().or_else(|| number.as_f64().filter(|f| f.is_finite()).map(|f| f.trunc() as i64))
        }
        Value::String(text) => {
            let text = text.trim_start();
            let (sign, digits) = match text.strip_prefix('-') {
                Some(rest) => (-1, rest),
                None => (1, text.strip_prefix('+').unwrap_or(text)),
            };
            let end = digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(digits.len());
            digits[..end].parse::<i64>().ok().map(|n| sign * n)
        }
        _ => None,
    }
}

#[cfg(test)]
#[path = "template_tests.rs"]
mod tests;
