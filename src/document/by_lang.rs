//! [`ByLang`]: one value for each language, indexed by [`Lang`] (in place of `[T; 2]` arrays
//! and a helper that turns a language into 0 or 1).
//!
//! Pure data; no dependencies beyond [`Lang`].

use super::Lang;
use std::ops::{Index, IndexMut};

/// A value for Arabic and one for English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct ByLang<T> {
    /// Arabic's.
    pub ar: T,
    /// English's.
    pub en: T,
}

impl<T> ByLang<T> {
    /// Each language's value from `f`, Arabic first.
    pub fn from_fn(mut f: impl FnMut(Lang) -> T) -> ByLang<T> {
        let ar = f(Lang::Ar);
        ByLang {
            ar,
            en: f(Lang::En),
        }
    }

    /// Both values through `f`.
    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> ByLang<U> {
        let ar = f(self.ar);
        ByLang { ar, en: f(self.en) }
    }

    /// Borrows both values.
    pub fn as_ref(&self) -> ByLang<&T> {
        ByLang {
            ar: &self.ar,
            en: &self.en,
        }
    }
}

impl<T> Index<Lang> for ByLang<T> {
    type Output = T;
    fn index(&self, lang: Lang) -> &T {
        match lang {
            Lang::Ar => &self.ar,
            Lang::En => &self.en,
        }
    }
}

impl<T> IndexMut<Lang> for ByLang<T> {
    fn index_mut(&mut self, lang: Lang) -> &mut T {
        match lang {
            Lang::Ar => &mut self.ar,
            Lang::En => &mut self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_by_language() {
        let mut b = ByLang::from_fn(Lang::code);
        assert_eq!((b[Lang::Ar], b[Lang::En]), ("ar", "en"));
        b[Lang::En] = "english";
        assert_eq!(b.map(str::len), ByLang { ar: 2, en: 7 });
    }
}
