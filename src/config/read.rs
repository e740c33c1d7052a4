//! Reading a JSON object key by key while remembering where we are, so that every error
//! names its key (`visibility.leads`) and says what was expected and what was found.

use serde_json::{Map, Value};

use super::ConfigError;

/// Parses JSON text; `what` names the thing for the error (`""` for the whole config).
pub fn json(text: &str, what: &str) -> Result<Value, ConfigError> {
    crate::json::parse(text).map_err(|error| ConfigError::new(what, format!("not valid JSON ({error})")))
}

/// A JSON object at `path` whose keys must all be among `allowed`.
pub struct Object<'a> {
    path: String,
    map: &'a Map<String, Value>,
}

impl<'a> Object<'a> {
    pub fn new(value: &'a Value, path: &str, allowed: &[&str]) -> Result<Object<'a>, ConfigError> {
        let Value::Object(map) = value else {
            return Err(ConfigError::new(path, format!("expected an object, found {}", kind(value))));
        };
        let object = Object { path: path.to_string(), map };
        if let Some(unknown) = map.keys().find(|key| !allowed.contains(&key.as_str())) {
            let expected: Vec<String> = allowed.iter().map(|key| format!("`{key}`")).collect();
            return Err(ConfigError::new(
                &object.key(unknown),
                format!("unknown key `{unknown}`, expected one of {}", expected.join(", ")),
            ));
        }
        Ok(object)
    }

    /// The full path of one of this object's keys.
    pub fn key(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The value of a key; `null` counts as absent.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|value| !value.is_null())
    }

    pub fn required(&self, key: &str, expected: &str) -> Result<&'a Value, ConfigError> {
        self.get(key).ok_or_else(|| ConfigError::new(&self.key(key), format!("missing: expected {expected}")))
    }

    pub fn object(&self, key: &str, allowed: &[&str]) -> Result<Option<Object<'a>>, ConfigError> {
        self.get(key).map(|value| Object::new(value, &self.key(key), allowed)).transpose()
    }

    pub fn string(&self, key: &str) -> Result<Option<String>, ConfigError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(other) => Err(self.wrong(key, "a string", other)),
        }
    }

    #[cfg_attr(not(feature = "insight"), allow(dead_code))]
    pub fn bool(&self, key: &str) -> Result<Option<bool>, ConfigError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(flag)) => Ok(Some(*flag)),
            Some(other) => Err(self.wrong(key, "true or false", other)),
        }
    }

    /// A positive whole number of at most `max`.
    pub fn count(&self, key: &str, max: u32) -> Result<Option<u32>, ConfigError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(number)) => match number.as_u64() {
                Some(n) if (1..=max as u64).contains(&n) => Ok(Some(n as u32)),
                _ => Err(ConfigError::new(
                    &self.key(key),
                    format!("expected a whole number from 1 to {max}, found {number}"),
                )),
            },
            Some(other) => Err(self.wrong(key, "a number", other)),
        }
    }

    pub fn strings(&self, key: &str) -> Result<Option<Vec<String>>, ConfigError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(idx, item)| match item {
                    Value::String(text) => Ok(text.clone()),
                    other => Err(ConfigError::new(
                        &format!("{}.{idx}", self.key(key)),
                        format!("expected a string, found {}", kind(other)),
                    )),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(other) => Err(self.wrong(key, "a list of strings", other)),
        }
    }

    /// One of a fixed set of names, mapped to its value.
    pub fn choice<T: Copy>(&self, key: &str, what: &str, choices: &[(&str, T)]) -> Result<Option<T>, ConfigError> {
        let Some(name) = self.string(key)? else { return Ok(None) };
        match choices.iter().find(|(choice, _)| *choice == name) {
            Some((_, value)) => Ok(Some(*value)),
            None => {
                let names: Vec<String> = choices.iter().map(|(choice, _)| format!("`{choice}`")).collect();
                Err(ConfigError::new(&self.key(key), format!("unknown {what} `{name}`, expected {}", or_list(&names))))
            }
        }
    }

    fn wrong(&self, key: &str, expected: &str, found: &Value) -> ConfigError {
        ConfigError::new(&self.key(key), format!("expected {expected}, found {}", kind(found)))
    }
}

/// "a string", "a number"…: what a JSON value is, for messages.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
