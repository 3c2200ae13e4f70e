//! Feeding key sequences to the reader without a terminal, for tests and benchmarks.
//!
//! A sequence is written like vim's mappings: plain characters are keys, and `<...>` names a
//! key: `<C-d>`, `<Esc>`, `<Enter>`, `<Tab>`, `<Space>`, `<PageDown>`, `<lt>` for `<` itself.

use super::app::{App, Input};
use crate::keymap::KeySpec;

/// The keys of a sequence. An unknown `<name>` is an error naming it.
pub fn parse_keys(seq: &str) -> Result<Vec<KeySpec>, String> {
    let mut out = Vec::new();
    let mut chars = seq.chars();
    while let Some(c) = chars.next() {
        if c == '<' {
            let name: String = chars.by_ref().take_while(|&c| c != '>').collect();
            if name.eq_ignore_ascii_case("lt") {
                out.push(KeySpec::parse("<")?);
            } else {
                out.push(KeySpec::parse(&name)?);
            }
        } else {
            out.push(KeySpec::parse(c.encode_utf8(&mut [0; 4]))?);
        }
    }
    Ok(out)
}

impl App {
    /// Presses the keys of a sequence, one after the other.
    pub fn press(&mut self, seq: &str) -> Result<(), String> {
        for k in parse_keys(seq)? {
            self.handle(Input::Key(k));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::KeyName;

    #[test]
    fn parses_plain_and_named_keys() {
        let keys = parse_keys("j}<C-d><Esc><lt> ").unwrap();
        assert_eq!(keys.len(), 6);
        assert_eq!(keys[0].key, KeyName::Char('j'));
        assert_eq!(keys[1].key, KeyName::Char('}'));
        assert!(keys[2].ctrl && keys[2].key == KeyName::Char('d'));
        assert_eq!(keys[3].key, KeyName::Esc);
        assert_eq!(keys[4].key, KeyName::Char('<'));
        assert_eq!(keys[5].key, KeyName::Char(' '));
        assert!(parse_keys("<Nope>").is_err());
    }
}
